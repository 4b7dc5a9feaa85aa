#pragma once

#include "lti/resources.hpp"

#include <string>
#include <string_view>
#include <vector>

// A file sent with a Canvas score as a content item of the submission extension
// (https://canvas.instructure.com/lti/submission, `content_items`): `type` "file", the `url`
// Canvas downloads it from (https, reachable without a login: a pre-signed URL), a `title`,
// and a `media_type` (Canvas infers one from the title or URL when absent). Canvas answers
// with the same items, each with a `progress` URL of the download.
namespace gradepost::lti {

// The content item for `url`: the title from `title_template` with {user} replaced by the
// user id (else the URL's file name), the media type given or inferred from the file name
// (empty when unknown).
Score::CanvasFile canvas_file(const std::string& url, const std::string& user_id,
                              const std::string& title_template, const std::string& media_type);

// The media type of a file name's extension (pdf, png, jpg, txt, csv, html, docx, ...),
// ignoring the URL's query; empty when unknown.
std::string media_type_of_name(std::string_view url);

// The `progress` URLs of the content items in Canvas's answer to a score post
// ({"resultUrl", "https://canvas.instructure.com/lti/submission": {"content_items": [...]}});
// none for any other body.
std::vector<std::string> canvas_progress_urls(const std::string& body);

// What the ledger keeps of an attached file: "sha256:" and the hex digest of its URL, so a
// pre-signed URL's signature is never stored and a changed URL is told apart.
std::string attachment_digest(std::string_view url);

} // namespace gradepost::lti
