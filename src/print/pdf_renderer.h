#pragma once
// Draws 干部任免审批表 layouts (rmb_layout.h) into a PDF with cairo and pango.
//
// Fonts are found through fontconfig by family — "Noto Serif CJK SC" and "Noto Sans Mono CJK SC"
// (Debian fonts-noto-cjk) — and embedded in the PDF as subsets (cairo's PDF surface embeds every
// font it draws with). A missing family is a FailedPrecondition naming it, never a silent
// fallback to another font whose metrics would break the layout.
//
// A photo is JPEG or PNG: JPEG bytes go into the PDF as they are (DCTDecode, via cairo's MIME
// data), so the printed photo is the stored one; PNG is decoded by cairo. Output is
// deterministic: the same forms and the same `created` time give the same bytes.
//
// A renderer owns its pango font map and is used by one thread at a time.

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/timestamp.h"
#include "print/rmb_layout.h"

namespace xr::print {

inline constexpr std::string_view kSerifFamily = "Noto Serif CJK SC";
inline constexpr std::string_view kMonoFamily = "Noto Sans Mono CJK SC";

// Ok when fontconfig resolves both families to fonts of that family; FailedPrecondition
// "缺少字体 …（请安装 fonts-noto-cjk）" otherwise.
base::Status CheckFonts();

// The size of a JPEG (from its SOF marker) or a PNG (IHDR); InvalidArgument for anything else.
struct ImageSize {
  int width = 0;
  int height = 0;
};
base::Result<ImageSize> PhotoSize(std::string_view bytes);

struct PdfInfo {
  std::string title;        // document title ("干部任免审批表 王建国")
  base::Timestamp created;  // CreationDate, written in Asia/Shanghai time
};

class RmbRenderer {
 public:
  // The errors of CheckFonts.
  static base::Result<std::unique_ptr<RmbRenderer>> Create();
  ~RmbRenderer();
  RmbRenderer(const RmbRenderer&) = delete;
  RmbRenderer& operator=(const RmbRenderer&) = delete;

  // Text measured as it will be drawn (pango, no hinting).
  const TextMetrics& metrics() const;

  // One PDF of any number of forms, added one at a time (a batch never holds them all).
  class Document {
   public:
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;
    // Draws every page of `layout`; `photo` (JPEG or PNG bytes, may be empty) goes into the
    // layout's photo box. A photo that cannot be read is left out with a note in the box.
    base::Status AddForm(const RmbLayout& layout, std::string_view photo);
    // The PDF bytes; Internal when cairo failed. The document is finished afterwards.
    base::Result<std::string> Finish();

   private:
    friend class RmbRenderer;
    struct Impl;
    explicit Document(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
  };
  base::Result<std::unique_ptr<Document>> StartDocument(const PdfInfo& info);

  // One form as a PDF.
  base::Result<std::string> Render(const RmbLayout& layout, std::string_view photo,
                                   const PdfInfo& info);

 private:
  struct Impl;
  explicit RmbRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace xr::print
