"""Runs the Python binding's tests and prints "ok NAME" / "not ok NAME" per
test, as tests/run.sh counts them, with the traceback of each failure."""

import os
import sys
import unittest


class Lines(unittest.TextTestResult):
    def addSuccess(self, test):
        super().addSuccess(test)
        print(f"ok {test.id()}", flush=True)

    def _bad(self, test, err):
        print(f"not ok {test.id()}\n{self._exc_info_to_string(err, test)}", flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._bad(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._bad(test, err)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        print(f"not ok {test.id()} (passed, but was expected to fail)", flush=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    tests = unittest.defaultTestLoader.discover(here, top_level_dir=here)
    runner = unittest.TextTestRunner(stream=open(os.devnull, "w"), resultclass=Lines)
    result = runner.run(tests)
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
