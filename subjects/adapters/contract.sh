# Sourced by the shell adapters: the subject contract's command line
# (CONTRACT.md section 2) and the adapters' own way of failing.
#
# The adapter sets ME (its name) and SUPPORTED (the option words it
# declares, beyond pidfile and ready), then calls `contract_parse "$@"`,
# which sets: capabilities (1 or empty), pidfile, ready, dir, mask, in,
# out, err, shield (space-separated fds), on (words "--on SIG=ACTION"
# ready to split), send (the signal name, SIG prefix removed), user,
# group.
#
# broken REASON: an error of the adapter's own (README, "Adapters"): one
# line on stderr, exit 125, which dkcheck reports as BROKEN, never as a
# FAIL of the implementation. passthrough CMD...: run the implementation,
# exit with its status, but never 125 (that one is the adapter's).

ADAPTERS_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$ADAPTERS_DIR/../.." && pwd)
PAYLOAD=${DKCHECK_PAYLOAD:-$REPO/build/subject-payload}

broken() { echo "$ME: adapter error: $*" >&2; exit 125; }

passthrough() {
    "$@"
    status=$?
    [ "$status" -ne 125 ] || status=1
    exit "$status"
}

declared() { # WORD: is it in SUPPORTED?
    case " $SUPPORTED " in *" $1 "*) return 0 ;; esac
    return 1
}

contract_parse() {
    capabilities= pidfile= ready= dir= mask= in= out= err= shield= on= send=
    user= group=
    while [ $# -gt 0 ]; do
        if [ "$1" = --capabilities ]; then
            capabilities=1
            shift
            continue
        fi
        [ $# -ge 2 ] || broken "$1: missing value"
        case $1 in
        --pidfile) pidfile=$2 ;;
        --ready) ready=$2 ;;
        --send) send=${2#SIG} ;;
        --chdir|--umask|--stdin|--stdout|--stderr|--shield|--on|--user|--group)
            declared "${1#--}" || broken "$1: not declared by this adapter"
            case $1 in
            --chdir) dir=$2 ;;
            --umask) mask=$2 ;;
            --stdin) in=$2 ;;
            --stdout) out=$2 ;;
            --stderr) err=$2 ;;
            --shield) shield="$shield $2" ;;
            --user) user=$2 ;;
            --group) group=$2 ;;
            --on)
                case $2 in
                INT=default|INT=ignore|INT=log|TERM=default|TERM=ignore|TERM=log|ABRT=default|ABRT=ignore|ABRT=log)
                    on="$on --on $2" ;;
                *) broken "--on $2: expected INT, TERM or ABRT = default, ignore or log" ;;
                esac ;;
            esac ;;
        *) broken "$1: unknown option" ;;
        esac
        shift 2
    done
    [ -n "$capabilities" ] && return 0
    [ -n "$pidfile" ] || broken "--pidfile is required"
    [ -n "$send" ] || [ -n "$ready" ] || broken "--ready is required"
    [ -z "$group" ] || [ -n "$user" ] || broken "--group needs --user"
}

# print the capabilities (pidfile, ready, then SUPPORTED) and exit 0
print_capabilities() {
    printf '%s\n' pidfile ready $SUPPORTED
    exit 0
}

need_payload() {
    [ -x "$PAYLOAD" ] || { echo "$ME: no payload program $PAYLOAD (make matrix builds it)" >&2; exit 1; }
}
