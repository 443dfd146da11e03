//! The subject contract spoken by the Rust crate daemonize (Debian's
//! librust-daemonize-dev): Daemonize::new() with pid_file,
//! working_directory, umask, stdout and stderr, then start(), which forks,
//! calls setsid, forks again, and locks and writes the PID file.
//!
//! Declared: what its builder has. No stdin (always /dev/null), no shield
//! (it closes nothing), no send and no readiness. `default` for --on
//! leaves the disposition as it is: the crate installs no handler. An
//! error of this adapter's own exits 125 (README, "Adapters").
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::process::exit;

const ME: &str = "subject-rust-daemonize";
const SUPPORTED: &[&str] = &["chdir", "umask", "stdout", "stderr", "on"];

fn broken(ready: Option<&str>, why: &str) -> ! {
    let line = format!("{}: adapter error: {}\n", ME, why);
    eprint!("{}", line);
    if let Some(r) = ready {
        let _ = std::fs::write(format!("{}.broken", r), &line);
    }
    exit(125)
}

#[derive(Default)]
struct Args {
    capabilities: bool,
    pidfile: Option<String>,
    ready: Option<String>,
    chdir: Option<String>,
    umask: Option<u32>,
    stdout: Option<String>,
    stderr: Option<String>,
    on: Vec<(libc::c_int, String)>,
}

fn signum(name: &str) -> Option<libc::c_int> {
    match name {
        "INT" => Some(libc::SIGINT),
        "TERM" => Some(libc::SIGTERM),
        "ABRT" => Some(libc::SIGABRT),
        _ => None,
    }
}

fn parse() -> Args {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut a = Args::default();
    let mut i = 0;
    while i < argv.len() {
        let opt = argv[i].as_str();
        if opt == "--capabilities" {
            a.capabilities = true;
            i += 1;
            continue;
        }
        let val = match argv.get(i + 1) {
            Some(v) => v.clone(),
            None => broken(None, &format!("{}: missing value", opt)),
        };
        i += 2;
        match opt {
            "--pidfile" => a.pidfile = Some(val),
            "--ready" => a.ready = Some(val),
            "--chdir" => a.chdir = Some(val),
            "--stdout" => a.stdout = Some(val),
            "--stderr" => a.stderr = Some(val),
            "--umask" => match u32::from_str_radix(&val, 8) {
                Ok(m) if m <= 0o777 => a.umask = Some(m),
                _ => broken(None, &format!("--umask {}: expected octal 0..0777", val)),
            },
            "--on" => {
                let mut parts = val.splitn(2, '=');
                let sig = parts.next().and_then(signum);
                let action = parts.next().unwrap_or("");
                match (sig, action) {
                    (Some(s), "default") | (Some(s), "ignore") | (Some(s), "log") => {
                        a.on.push((s, action.to_string()))
                    }
                    _ => broken(None, &format!("--on {}: expected INT, TERM or ABRT = default, ignore or log", val)),
                }
            }
            _ => broken(None, &format!("{}: unknown option", opt)),
        }
    }
    a
}

extern "C" fn log_signal(sig: libc::c_int) {
    // Only write(2) and no allocation here: async-signal-safe.
    let mut line = [0u8; 16];
    line[..7].copy_from_slice(b"signal ");
    let mut n = 7;
    if sig >= 10 {
        line[n] = b'0' + (sig / 10) as u8;
        n += 1;
    }
    line[n] = b'0' + (sig % 10) as u8;
    line[n + 1] = b'\n';
    unsafe {
        libc::write(1, line.as_ptr() as *const libc::c_void, n + 2);
    }
}

fn append(path: &str) -> File {
    match OpenOptions::new().create(true).append(true).open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}: {}: {}", ME, path, e);
            exit(1)
        }
    }
}

fn main() {
    let a = parse();
    if a.capabilities {
        println!("pidfile\nready\n{}", SUPPORTED.join("\n"));
        return;
    }
    let pidfile = a.pidfile.clone().unwrap_or_else(|| broken(None, "--pidfile is required"));
    let ready = a.ready.clone().unwrap_or_else(|| broken(None, "--ready is required"));
    let mut d = daemonize::Daemonize::new().pid_file(&pidfile);
    if let Some(dir) = &a.chdir {
        d = d.working_directory(dir);
    }
    if let Some(m) = a.umask {
        d = d.umask(m as libc::mode_t);
    }
    if let Some(p) = &a.stdout {
        d = d.stdout(append(p));
    }
    if let Some(p) = &a.stderr {
        d = d.stderr(append(p));
    }
    if let Err(e) = d.start() {
        eprintln!("{}: {}", ME, e);
        exit(1);
    }
    // The daemon: --on, the ready lines and file, then wait for signals.
    for (sig, action) in &a.on {
        let handler = match action.as_str() {
            "log" => log_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
            "ignore" => libc::SIG_IGN,
            _ => continue,
        };
        unsafe {
            libc::signal(*sig, handler);
        }
    }
    let pid = std::process::id();
    print!("ready {}\n", pid);
    let _ = std::io::stdout().flush();
    eprint!("ready {}\n", pid);
    let tmp = format!("{}.tmp.{}", ready, pid);
    if let Err(e) = std::fs::write(&tmp, format!("{}\n", pid)).and_then(|_| std::fs::rename(&tmp, &ready)) {
        broken(Some(&ready), &format!("ready file: {}", e));
    }
    loop {
        unsafe {
            libc::pause();
        }
    }
}
