"""Unit tests of scripts/report on small fixtures (run by
scripts/check.d/30-report)."""
import importlib.machinery
import importlib.util
import json
import os
import shutil
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
loader = importlib.machinery.SourceFileLoader("report", os.path.join(HERE, "report"))
spec = importlib.util.spec_from_loader("report", loader)
report = importlib.util.module_from_spec(spec)
loader.exec_module(report)

STEPS = "U1\tunix\tCreate the PID file.\nU6\tunix\tClose fds.\nW1\twindows\tFind the program.\n"


def criterion(tests):
    """Criterion's JSON shape: suites of tests with status and messages."""
    suites = {}
    for suite, name, status, messages in tests:
        t = {"name": name, "assertions": 1, "status": status}
        if messages is not None:
            t["messages"] = messages
        suites.setdefault(suite, []).append(t)
    return {"id": "Criterion v2.4.1", "passed": 0, "failed": 0, "errored": 0,
            "skipped": 0, "test_suites": [{"name": k, "tests": v} for k, v in suites.items()]}


class Fixture:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="dkreport-test.")

    def run(self, where, name, tests=None, status="ran", platform="unix", raw=None):
        os_, arch = where.split("-", 1)
        d = os.path.join(self.root, "r", where)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "steps.tsv"), "w") as f:
            f.write(STEPS)
        info = {"implementation": name, "product": name, "version": "1", "os": os_,
                "arch": arch, "platform": platform, "status": status,
                "reason": "" if status == "ran" else "no such thing here"}
        with open(os.path.join(d, name + ".run.json"), "w") as f:
            json.dump(info, f)
        if status == "ran":
            with open(os.path.join(d, name + ".json"), "w") as f:
                f.write(raw if raw is not None else json.dumps(criterion(tests)))
        return d

    def render(self):
        columns, steps = report.load([os.path.join(self.root, "r")])
        return report.render(columns, steps, {})

    def close(self):
        shutil.rmtree(self.root)


class ReportTest(unittest.TestCase):
    def setUp(self):
        self.fx = Fixture()

    def tearDown(self):
        self.fx.close()

    def test_failure_shows_as_FAIL_with_its_message(self):
        self.fx.run("linux-x86_64", "reference", [("U6", "U6_fd_closed", "PASSED", None)])
        self.fx.run("linux-x86_64", "tool", [
            ("U6", "U6_fd_closed", "FAILED",
             ["cases/u6.c:9: fd 4 still open", "cases/u6.c:9: fd 3 still open"])])
        text = self.fx.render()
        self.assertIn("| U6_fd_closed | pass | FAIL [1] |", text)
        # Criterion lists messages newest first: the first failure is last.
        self.assertIn('1. tool (linux-x86_64), U6_fd_closed: fd 3 still open\n', text)
        self.assertIn("| tool | linux-x86_64 | 1 | 0 | 1 | 0 |", text)

    def test_skip_is_never_counted_as_pass(self):
        self.fx.run("linux-x86_64", "tool", [
            ("U1", "U1_a", "SKIPPED", ["the subject does not declare capability 'send'"]),
            ("U1", "U1_b", "PASSED", None)])
        text = self.fx.render()
        self.assertIn("| U1_a | skip |", text)
        self.assertIn("| tool | linux-x86_64 | 1 | 1 | 0 | 1 |", text)

    def test_cases_left_out_by_filter_have_no_verdict(self):
        self.fx.run("linux-x86_64", "tool", [
            ("U1", "U1_a", "SKIPPED", ["The test was skipped."]),
            ("U1", "U1_b", "PASSED", None)])
        text = self.fx.render()
        self.assertNotIn("U1_a", text)

    def test_missing_implementation_shows_as_such(self):
        self.fx.run("linux-x86_64", "reference", [("U1", "U1_a", "PASSED", None)])
        self.fx.run("linux-x86_64", "absent", status="not installed")
        text = self.fx.render()
        self.assertIn("| absent | linux-x86_64 | not installed: no such thing here | – | – | – |", text)
        self.assertIn("| U1_a | pass | n/i |", text)
        self.assertIn("Not run here: no such thing here.", text)

    def test_conflicting_duplicates_refused(self):
        self.fx.run("linux-x86_64", "tool", [("U1", "U1_a", "PASSED", None)])
        other = os.path.join(self.fx.root, "r2", "linux-x86_64")
        shutil.copytree(os.path.join(self.fx.root, "r", "linux-x86_64"), other)
        with open(os.path.join(other, "tool.json"), "w") as f:
            json.dump(criterion([("U1", "U1_a", "FAILED", ["no"])]), f)
        with self.assertRaises(report.ReportError):
            report.load([os.path.join(self.fx.root, "r"), os.path.join(self.fx.root, "r2")])

    def test_agreeing_duplicates_merged(self):
        self.fx.run("linux-x86_64", "tool", [("U1", "U1_a", "PASSED", None)])
        shutil.copytree(os.path.join(self.fx.root, "r"), os.path.join(self.fx.root, "r2"))
        columns, _ = report.load([os.path.join(self.fx.root, "r"), os.path.join(self.fx.root, "r2")])
        self.assertEqual(len(columns), 1)

    def test_several_oses_merged_and_steps_not_applying_say_so(self):
        self.fx.run("linux-x86_64", "reference", [("U1", "U1_a", "PASSED", None)])
        self.fx.run("wine-x86_64", "reference-wine", [
            ("U1", "U1_a", "SKIPPED", ["a Unix step; the subject is a Windows program"])],
            platform="windows")
        text = self.fx.render()
        self.assertIn("| **U1** Create the PID file. |  | n/a (unix step) |", text)
        self.assertIn("| U1_a | pass | n/a |", text)
        self.assertIn("| **W1** Find the program. *(no case yet)* | n/a (windows step) |  |", text)

    def test_case_for_the_other_os_is_na_not_skip(self):
        # H steps apply to every OS; their Unix cases say "n/a: ..." when
        # the subject is a Windows program (and the other way round).
        self.fx.run("wine-x86_64", "reference-wine", [
            ("H8", "H8_a", "SKIPPED", ["n/a: a Unix case; the subject is a Windows program"]),
            ("H8", "H8_win_a", "PASSED", None)], platform="windows")
        text = self.fx.render()
        self.assertIn("| H8_a | n/a |", text)
        self.assertIn("| H8_win_a | pass |", text)

    def test_findings_name_other_os_cases_na_not_missing_options(self):
        # The reference's Windows cases are n/a on Linux: the Findings must
        # not call them skipped for options it does not have.
        self.fx.run("linux-x86_64", "reference", [
            ("U1", "U1_a", "PASSED", None),
            ("U6", "U6_a", "SKIPPED", ["the subject lacks --shield"]),
            ("W1", "W1_a", "SKIPPED", ["a Windows step; the subject is a Unix program"]),
            ("H8", "H8_win_a", "SKIPPED", ["n/a: a Windows case; the subject is a Unix program"])])
        text = self.fx.render()
        self.assertIn("Passes every case it can be judged on (1 passed, 1 skipped for "
                      "options it does not have, 2 n/a (the other OS's cases)).", text)

    def test_unescaped_quote_in_criterion_message_repaired(self):
        raw = json.dumps(criterion([("U1", "U1_a", "FAILED", ["got QUOTE"])]), indent=2)
        raw = raw.replace("QUOTE", '"x"')
        self.fx.run("linux-x86_64", "tool", raw=raw)
        self.assertIn('got "x"', self.fx.render())

    def test_dkcheck_json_reason_is_the_footnote(self):
        reason = 'expected "ok"; saw \\ and\na second line'
        raw = json.dumps({"id": "dkcheck 0.2.0", "run_info": {"dkcheck": "0.2.0"},
                          "test_suites": [{"name": "U1", "tests": [
                              {"name": "U1_a", "status": "FAILED", "verdict": "BROKEN",
                               "reason": reason,
                               "messages": ["x.c:2: later", "x.c:1: " + reason]},
                              {"name": "U1_b", "status": "SKIPPED", "verdict": "skip",
                               "reason": "no 'send'", "messages": ["no 'send'"]}]}]})
        self.fx.run("linux-x86_64", "tool", raw=raw)
        text = self.fx.render()
        self.assertIn('1. tool (linux-x86_64), U1_a: expected "ok"; saw \\ '
                      'and\\na second line\n', text)
        self.assertIn("| U1_b | skip |", text)

    def test_profiles_judge_each_checklist_apart(self):
        def run(name, caps, d_status):
            raw = json.dumps({"id": "dkcheck 0.2.0",
                              "run_info": {"capabilities": caps},
                              "test_suites": [
                                  {"name": "U1", "tests": [{"name": "U1_a",
                                                            "verdict": "pass"}]},
                                  {"name": "D10", "tests": [{"name": "D10_umask_zero",
                                                             "verdict": d_status,
                                                             "reason": "umask 022"}]}]})
            self.fx.run("linux-x86_64", name, raw=raw)
        run("reference", "pidfile profile", "pass")
        run("tool", "pidfile", "FAIL")
        text = self.fx.render()
        self.assertIn("| reference | linux-x86_64 | hold (1 cases) | meets (1 cases) | "
                      "meets (1 cases) | yes |", text)
        self.assertIn("| tool | linux-x86_64 | hold (1 cases) | meets (1 cases) | "
                      "fails 1 of 1 | no (its default) |", text)

    def test_seed_steps_hold_apart_from_hardening(self):
        def run(name, verdicts):
            suites = {}
            for case, v in verdicts:
                suites.setdefault(case.split("_")[0], []).append(
                    {"name": case, "verdict": v, "reason": "seen"})
            raw = json.dumps({"id": "dkcheck 0.2.0", "run_info": {},
                              "test_suites": [{"name": k, "tests": t}
                                              for k, t in suites.items()]})
            self.fx.run("linux-x86_64", name, raw=raw)
        # A hardening FAIL leaves the seed's steps holding; a U FAIL does not.
        run("hardened-not", [("U1_a", "pass"), ("U6_b", "pass"), ("H9_c", "FAIL")])
        run("seed-broken", [("U1_a", "pass"), ("U6_b", "FAIL"), ("U6_c", "FAIL"),
                            ("SU_d", "FAIL"), ("H9_c", "pass")])
        # Another default umask is a difference, not a broken step.
        run("other-default", [("U1_a", "pass"), ("U4_umask_default_027", "FAIL")])
        text = self.fx.render()
        self.assertIn("| hardened-not | linux-x86_64 | hold (2 cases) | fails 1 of 3 |",
                      text)
        self.assertIn("| seed-broken | linux-x86_64 | broken: U6, SU (3 of 4 cases "
                      "fail) |", text)
        self.assertIn("| other-default | linux-x86_64 | hold (2 cases); other defaults: "
                      "U4_umask_default_027 |", text)

    def test_structure_keeps_sections_rows_columns_and_our_verdicts(self):
        self.fx.run("linux-x86_64", "reference", [("U1", "U1_a", "PASSED", None)])
        self.fx.run("linux-x86_64", "tool", [("U1", "U1_a", "FAILED", ["no"])])
        s1 = report.structure(self.fx.render())
        self.fx.run("linux-x86_64", "tool", [("U1", "U1_a", "PASSED", None)])
        self.assertEqual(s1, report.structure(self.fx.render()))
        self.fx.run("linux-x86_64", "reference", [("U1", "U1_a", "FAILED", ["no"])])
        self.assertNotEqual(s1, report.structure(self.fx.render()))


if __name__ == "__main__":
    unittest.main()


class AdapterReportTest(unittest.TestCase):
    """BROKEN apart from FAIL, the case list, and the heat map."""

    def setUp(self):
        self.fx = Fixture()

    def tearDown(self):
        self.fx.close()

    def test_broken_is_not_a_fail_of_the_implementation(self):
        self.fx.run("linux-x86_64", "thing", [
            ("U1", "U1_a", "FAILED", ["case.c:1: BROKEN: the adapter failed (exit 125): x"]),
            ("U6", "U6_b", "FAILED", ["fd 3 still open"])])
        text = self.fx.render()
        self.assertIn("BROKEN [1]", text)
        self.assertIn("FAIL [2]", text)
        self.assertIn("BROKEN, not judged", text)
        self.assertIn("Fails 1 of 1 judged cases", text)

    def test_listed_cases_are_the_matrix_rows(self):
        self.fx.run("linux-x86_64", "thing", [
            ("U1", "U1_a", "PASSED", None), ("U6", "U6_b", "PASSED", None)])
        self.assertEqual(sorted(report.listed_cases(self.fx.render())),
                         ["U1_a", "U6_b"])

    @unittest.skipIf(shutil.which("gnuplot") is None, "gnuplot is not installed")
    def test_heatmap_drawn_with_a_cell_per_step(self):
        self.fx.run("linux-x86_64", "thing", [
            ("U1", "U1_a", "PASSED", None), ("U6", "U6_b", "FAILED", ["no"])])
        columns, steps = report.load([os.path.join(self.fx.root, "r")])
        svg = os.path.join(self.fx.root, "map.svg")
        self.assertTrue(report.heatmap(columns, steps, svg))
        with open(svg) as f:
            text = f.read()
        self.assertIn("<svg", text)
        self.assertIn("1/1", text)
        self.assertIn("0/1", text)

    def test_broken_verdict_of_dkcheck_json_kept(self):
        raw = json.dumps({"test_suites": [{"name": "U1", "tests": [
            {"name": "U1_a", "verdict": "BROKEN", "reason": "BROKEN: adapter"},
            {"name": "U1_b", "verdict": "FAIL", "reason": "no"}]}]})
        self.fx.run("linux-x86_64", "thing", raw=raw)
        text = self.fx.render()
        self.assertIn("BROKEN [1]", text)
        self.assertIn("FAIL [2]", text)

    def test_footnote_never_wraps_an_observation_in_quotes(self):
        self.fx.run("linux-x86_64", "thing", [
            ("U1", "U1_a", "FAILED", ['the victim now holds ""'])])
        text = self.fx.render()
        self.assertIn('U1_a: the victim now holds ""\n', text)
        self.assertNotIn('"""', text)

    def test_recommendation_counts_classes_and_picks_fewest_defects(self):
        self.fx.run("linux-x86_64", "careless", [
            ("U1", "U1_a", "FAILED", ["second daemon"]),
            ("U6", "U6_b", "FAILED", ["fd 3 open"])])
        self.fx.run("linux-x86_64", "careful", [
            ("U1", "U1_a", "PASSED", None),
            ("U6", "U6_b", "FAILED", ["umask 077"])])
        columns, steps = report.load([os.path.join(self.fx.root, "r")])
        notes = {"careless": {"U1_a": {"class": "defect", "finding": "Race."},
                              "U6": "Step missing: closes nothing."},
                 "careful": {"U6_b": {"class": "default", "finding": "077."}}}
        classes = {"careless": {"U6": "missing"}}
        text = "\n".join(report.recommendation(
            columns, notes, {s[0]: s[1] for s in steps}, classes))
        self.assertIn("| careless | linux-x86_64 | 2 | 1 | 1 | 0 | 0 | 0 | 0 |", text)
        self.assertIn("| careful | linux-x86_64 | 2 | 0 | 0 | 0 | 1 | 0 | 0 |", text)
        self.assertIn("Pick **careful**", text)
        self.assertIn("careless in U1", text)

    def test_recommendation_names_a_fail_without_a_class(self):
        self.fx.run("linux-x86_64", "unread", [("U1", "U1_a", "FAILED", ["no"])])
        columns, steps = report.load([os.path.join(self.fx.root, "r")])
        text = "\n".join(report.recommendation(
            columns, {"unread": {"U1_a": "Something."}}, {s[0]: s[1] for s in steps}, {}))
        self.assertIn("| unread | linux-x86_64 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", text)
        self.assertIn("Not ranked with confidence (FAILs without a classified "
                      "finding): unread.", text)
