#include "report/render.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using gradepost::report::format_number;

TEST_SUITE("report::number") {

    TEST_CASE("whole numbers print without a decimal point") {
        CHECK(format_number(18) == "18");
        CHECK(format_number(0) == "0");
        CHECK(format_number(100000) == "100000");
        CHECK(format_number(-3) == "-3");
    }

    TEST_CASE("fractions keep at most six decimals without trailing zeros") {
        CHECK(format_number(18.5) == "18.5");
        CHECK(format_number(0.25) == "0.25");
        CHECK(format_number(1.0 / 3.0) == "0.333333");
        CHECK(format_number(2.0 / 3.0) == "0.666667");
    }

    TEST_CASE("binary noise and tiny values round away") {
        CHECK(format_number(18.000000001) == "18");
        CHECK(format_number(0.1 + 0.2) == "0.3");
        CHECK(format_number(1e-7) == "0");
        CHECK(format_number(-1e-7) == "0");
        CHECK(format_number(-0.0) == "0");
    }

    TEST_CASE("huge and non-finite values still print") {
        CHECK(format_number(1e20) == "1e+20");
        CHECK(format_number(std::numeric_limits<double>::infinity()) == "inf");
        CHECK(format_number(std::nan("")) == "nan");
    }
}
