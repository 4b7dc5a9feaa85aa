#include "lti/attachment.hpp"
#include "lti/make_score.hpp"
#include "lti/score_document.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using namespace gradepost::lti;

namespace {

constexpr const char* k_extension = "https://canvas.instructure.com/lti/submission";
constexpr const char* k_pdf = "https://files.example/exams/u17.pdf?X-Amz-Signature=abc";

model::KeptScore kept_with_file(std::string url) {
    model::KeptScore kept;
    kept.user_id = "u17";
    kept.given = 18;
    kept.maximum = 20;
    kept.url = std::move(url);
    return kept;
}

SendOptions attach_options() {
    SendOptions options;
    options.canvas_attach_file = true;
    options.canvas_attach_title = "Results {user}";
    return options;
}

model::LedgerEntry posted_with(const std::string& attachment) {
    model::LedgerEntry entry;
    entry.user_id = "u17";
    entry.last_posted = model::SentScore{};
    entry.last_posted->given = 18;
    entry.last_posted->maximum = 20;
    entry.last_posted->attachment = attachment;
    entry.last_timestamp = model::Timestamp{std::chrono::seconds(1'790'000'000)};
    return entry;
}

model::Timestamp now() {
    return model::Timestamp{std::chrono::seconds(1'790'000'100)};
}

} // namespace

TEST_SUITE("lti::attachment") {

    TEST_CASE("a file goes as one content item of type file, on a new submission") {
        auto adapted = make_score(kept_with_file(k_pdf), nullptr, now(), Platform::canvas,
                                  attach_options(), false);
        auto document = score_document(adapted.score, Platform::canvas);
        const auto& extension = document.at(k_extension);
        CHECK(extension.at("content_items") ==
              nlohmann::json::array({{{"type", "file"},
                                      {"url", k_pdf},
                                      {"title", "Results u17"},
                                      {"media_type", "application/pdf"}}}));
        CHECK(extension.at("new_submission") == true);
        CHECK_FALSE(extension.contains("submission_type")); // Canvas makes it online_upload
        CHECK(adapted.score.canvas.attachment_digest == attachment_digest(k_pdf));
    }

    TEST_CASE("a re-post with the same file URL does not attach it again, nor count an attempt") {
        const auto posted = posted_with(attachment_digest(k_pdf));
        auto adapted = make_score(kept_with_file(k_pdf), &posted, now(), Platform::canvas,
                                  attach_options(), false);
        auto extension = score_document(adapted.score, Platform::canvas).at(k_extension);
        CHECK_FALSE(extension.contains("content_items"));
        CHECK(extension.at("new_submission") == false);
        // The ledger keeps knowing the file is attached.
        CHECK(adapted.score.canvas.attachment_digest == attachment_digest(k_pdf));
    }

    TEST_CASE("a changed URL attaches the file again") {
        const auto posted = posted_with(attachment_digest(k_pdf));
        auto adapted = make_score(kept_with_file("https://files.example/exams/u17-v2.pdf"), &posted,
                                  now(), Platform::canvas, attach_options(), false);
        REQUIRE(adapted.score.canvas.file);
        CHECK(adapted.score.canvas.file->url == "https://files.example/exams/u17-v2.pdf");
        CHECK(adapted.score.canvas.new_submission == true);
    }

    TEST_CASE("other platforms never see the file") {
        auto adapted = make_score(kept_with_file(k_pdf), nullptr, now(), Platform::moodle,
                                  attach_options(), false);
        CHECK_FALSE(adapted.score.canvas.file);
        CHECK_FALSE(score_document(adapted.score, Platform::moodle).contains(k_extension));
    }

    TEST_CASE("title and media type: given, or from the URL's file name") {
        auto file = canvas_file("https://s.example/a/Report.PDF?sig=1", "u1", "", "");
        CHECK(file.title == "Report.PDF");
        CHECK(file.media_type == "application/pdf");
        auto given = canvas_file("https://s.example/blob", "u1", "{user} {user}", "image/png");
        CHECK(given.title == "u1 u1");
        CHECK(given.media_type == "image/png");
        CHECK(media_type_of_name("https://s.example/blob").empty());
        CHECK(canvas_file("https://s.example/", "u1", "", "").title == "Submission file");
    }

    TEST_CASE("the digest keeps no part of the URL, and tells URLs apart") {
        auto digest = attachment_digest(k_pdf);
        CHECK(digest.starts_with("sha256:"));
        CHECK(digest.size() == 7 + 64);
        CHECK(digest.find("abc") == std::string::npos);
        CHECK(digest != attachment_digest("https://files.example/exams/u18.pdf"));
    }

    TEST_CASE("Canvas's answer gives a progress URL per file; other answers none") {
        CHECK(canvas_progress_urls(
                  R"({"resultUrl":"https://c/r/1","https://canvas.instructure.com/lti/submission":)"
                  R"({"content_items":[{"type":"file","url":"https://f/x.pdf","title":"x",)"
                  R"("progress":"https://c/api/lti/progress/7"}]}})") ==
              std::vector<std::string>{"https://c/api/lti/progress/7"});
        CHECK(canvas_progress_urls(R"({"resultUrl":"https://c/r/1"})").empty());
        CHECK(canvas_progress_urls("not json content_items").empty());
    }
}
