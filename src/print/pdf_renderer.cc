#include "print/pdf_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <chrono>
#include <cstdio>
#include <cstring>

namespace xr::print {
namespace {

// Where the em box of a CJK face sits: its centre is 0.38 em above the baseline (ascent 0.88,
// descent 0.12 of the ideographic em box), so a line is centred on its line box by it.
constexpr double kEmCentre = 0.38;

bool FamilyAvailable(std::string_view family) {
  FcPattern* pattern = FcPatternCreate();
  const std::string name(family);
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(name.c_str()));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  bool found = false;
  if (match) {
    FcChar8* value = nullptr;
    for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &value) == FcResultMatch; ++i) {
      if (name == reinterpret_cast<const char*>(value)) found = true;
    }
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pattern);
  return found;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct PngReader {
  std::string_view bytes;
  std::size_t offset = 0;
};
cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->bytes.size() - reader->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, reader->bytes.data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

unsigned Big16(std::string_view b, std::size_t at) {
  return (static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]);
}
unsigned Big32(std::string_view b, std::size_t at) {
  return (Big16(b, at) << 16) | Big16(b, at + 2);
}

bool IsJpeg(std::string_view b) {
  return b.size() > 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
         static_cast<unsigned char>(b[1]) == 0xD8;
}
bool IsPng(std::string_view b) { return b.size() > 24 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n"; }

// "D:20261128120000+08'00'": the PDF date of `at` in Asia/Shanghai (cairo wants ISO 8601).
std::string ShanghaiIso(base::Timestamp at) {
  using namespace std::chrono;
  const auto local = floor<seconds>(at.time_point() + hours(8));
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss<seconds> time(local - day);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(time.hours().count()),
                int(time.minutes().count()), int(time.seconds().count()));
  return buffer;
}

struct FontDescriptions {
  PangoFontDescription* serif = pango_font_description_from_string(kSerifFamily.data());
  PangoFontDescription* mono = pango_font_description_from_string(kMonoFamily.data());
  ~FontDescriptions() {
    pango_font_description_free(serif);
    pango_font_description_free(mono);
  }
  PangoFontDescription* For(Face face) const { return face == Face::kMono ? mono : serif; }
};

void SetFontOptions(PangoContext* context) {
  // Metrics as the PDF draws them: unhinted, so measuring and drawing agree.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
}

// A layout of `text` in `face` at `size` points on `context`.
PangoLayout* NewLayout(PangoContext* context, const FontDescriptions& fonts, std::string_view text,
                       Face face, double size) {
  PangoLayout* layout = pango_layout_new(context);
  PangoFontDescription* description = pango_font_description_copy(fonts.For(face));
  pango_font_description_set_absolute_size(description, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, description);
  pango_font_description_free(description);
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  return layout;
}

class PangoTextMetrics final : public TextMetrics {
 public:
  PangoTextMetrics(PangoContext* context, const FontDescriptions& fonts)
      : context_(context), fonts_(fonts) {}

  std::vector<std::string> Wrap(std::string_view paragraph, Face face, double size,
                                double width) const override {
    if (paragraph.empty()) return {std::string()};
    PangoLayout* layout = NewLayout(context_, fonts_, paragraph, face, size);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    std::vector<std::string> lines;
    for (GSList* item = pango_layout_get_lines_readonly(layout); item; item = item->next) {
      auto* line = static_cast<PangoLayoutLine*>(item->data);
      lines.emplace_back(paragraph.substr(static_cast<std::size_t>(line->start_index),
                                          static_cast<std::size_t>(line->length)));
    }
    g_object_unref(layout);
    return lines;
  }

  double Width(std::string_view text, Face face, double size) const override {
    if (text.empty()) return 0;
    PangoLayout* layout = NewLayout(context_, fonts_, text, face, size);
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    g_object_unref(layout);
    return static_cast<double>(logical.width) / PANGO_SCALE;
  }

 private:
  PangoContext* context_;
  const FontDescriptions& fonts_;
};

}  // namespace

base::Status CheckFonts() {
  for (std::string_view family : {kSerifFamily, kMonoFamily}) {
    if (!FamilyAvailable(family)) {
      return base::FailedPrecondition("缺少字体“" + std::string(family) +
                                      "”，无法生成任免审批表 PDF（请安装 fonts-noto-cjk）");
    }
  }
  return base::Status::Ok();
}

base::Result<ImageSize> PhotoSize(std::string_view b) {
  if (IsPng(b)) {
    return ImageSize{static_cast<int>(Big32(b, 16)), static_cast<int>(Big32(b, 20))};
  }
  if (IsJpeg(b)) {
    std::size_t at = 2;
    while (at + 4 <= b.size()) {
      if (static_cast<unsigned char>(b[at]) != 0xFF) break;
      const unsigned marker = static_cast<unsigned char>(b[at + 1]);
      if (marker == 0xFF) {  // fill byte
        ++at;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
        at += 2;
        continue;
      }
      const unsigned length = Big16(b, at + 2);
      const bool start_of_frame =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (start_of_frame && at + 9 <= b.size()) {
        return ImageSize{static_cast<int>(Big16(b, at + 7)), static_cast<int>(Big16(b, at + 5))};
      }
      if (length < 2) break;
      at += 2 + length;
    }
  }
  return base::InvalidArgument("照片不是可识别的 JPEG 或 PNG 图像", "photo");
}

struct RmbRenderer::Impl {
  PangoFontMap* font_map = nullptr;
  PangoContext* context = nullptr;
  FontDescriptions fonts;
  std::unique_ptr<PangoTextMetrics> metrics;
  ~Impl() {
    metrics.reset();
    if (context) g_object_unref(context);
    if (font_map) g_object_unref(font_map);
  }
};

struct RmbRenderer::Document::Impl {
  RmbRenderer::Impl& renderer;
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  bool finished = false;
  explicit Impl(RmbRenderer::Impl& r) : renderer(r) {}
  ~Impl() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }

  void DrawText(const TextBlock& block) {
    const double total = static_cast<double>(block.lines.size()) * block.line_height;
    double top = block.box.y;
    if (block.valign == VAlign::kMiddle) top += (block.box.height - total) / 2;
    if (block.valign == VAlign::kBottom) top += block.box.height - total;
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
      const std::string& line = block.lines[i];
      if (line.empty()) continue;
      PangoLayout* layout =
          NewLayout(renderer.context, renderer.fonts, line, block.face, block.size);
      PangoRectangle logical;
      pango_layout_get_extents(layout, nullptr, &logical);
      const double width = static_cast<double>(logical.width) / PANGO_SCALE;
      double x = block.box.x;
      if (block.halign == HAlign::kCenter) x += (block.box.width - width) / 2;
      if (block.halign == HAlign::kRight) x += block.box.width - width;
      const double baseline = top + static_cast<double>(i) * block.line_height +
                              block.line_height / 2 + kEmCentre * block.size;
      const double layout_baseline =
          static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
      cairo_move_to(cr, x, baseline - layout_baseline);
      pango_cairo_show_layout(cr, layout);
      g_object_unref(layout);
    }
  }

  void DrawPhoto(const Rect& box, std::string_view photo) {
    cairo_surface_t* image = nullptr;
    auto size = PhotoSize(photo);
    if (size.ok() && IsJpeg(photo) && size->width > 0 && size->height > 0 && size->width <= 10000 &&
        size->height <= 10000) {
      // The JPEG's bytes themselves go into the PDF; the surface only carries its size.
      image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size->width, size->height);
      auto* copy = new std::string(photo);
      cairo_surface_set_mime_data(
          image, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()),
          copy->size(), [](void* data) { delete static_cast<std::string*>(data); }, copy);
    } else if (size.ok() && IsPng(photo)) {
      PngReader reader{photo};
      image = cairo_image_surface_create_from_png_stream(ReadPng, &reader);
    }
    if (!image || cairo_surface_status(image) != CAIRO_STATUS_SUCCESS ||
        cairo_image_surface_get_width(image) <= 0) {
      if (image) cairo_surface_destroy(image);
      TextBlock note{"photo_error",  box, {"照片无法显示"}, Face::kSerif, 9, 12, HAlign::kCenter,
                     VAlign::kMiddle};
      DrawText(note);
      return;
    }
    const double width = cairo_image_surface_get_width(image);
    const double height = cairo_image_surface_get_height(image);
    // Cover the box (as the preview's object-fit: cover), cropping the overflow.
    const double scale = std::max(box.width / width, box.height / height);
    cairo_save(cr);
    cairo_rectangle(cr, box.x, box.y, box.width, box.height);
    cairo_clip(cr);
    cairo_translate(cr, box.x + (box.width - width * scale) / 2,
                    box.y + (box.height - height * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(image);
  }

  void DrawPage(const PageLayout& page, std::string_view photo) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.75);
    for (const Rect& r : page.cells) cairo_rectangle(cr, r.x, r.y, r.width, r.height);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.5);
    for (const Rect& r : page.frames) cairo_rectangle(cr, r.x, r.y, r.width, r.height);
    cairo_stroke(cr);
    pango_cairo_update_context(cr, renderer.context);
    for (const TextBlock& block : page.texts) DrawText(block);
    if (page.photo && !photo.empty()) DrawPhoto(*page.photo, photo);
    cairo_show_page(cr);
  }
};

RmbRenderer::Document::Document(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RmbRenderer::Document::~Document() = default;

base::Status RmbRenderer::Document::AddForm(const RmbLayout& layout, std::string_view photo) {
  if (impl_->finished) return base::FailedPrecondition("PDF 文档已完成");
  for (const PageLayout& page : layout.pages) impl_->DrawPage(page, photo);
  if (cairo_status(impl_->cr) != CAIRO_STATUS_SUCCESS) {
    return base::Internal(std::string("生成 PDF 失败：") +
                          cairo_status_to_string(cairo_status(impl_->cr)));
  }
  return base::Status::Ok();
}

base::Result<std::string> RmbRenderer::Document::Finish() {
  if (impl_->finished) return base::FailedPrecondition("PDF 文档已完成");
  impl_->finished = true;
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  const cairo_status_t status = cairo_surface_status(impl_->surface);
  cairo_surface_destroy(impl_->surface);
  impl_->surface = nullptr;
  if (status != CAIRO_STATUS_SUCCESS)
    return base::Internal(std::string("生成 PDF 失败：") + cairo_status_to_string(status));
  return std::move(impl_->bytes);
}

RmbRenderer::RmbRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RmbRenderer::~RmbRenderer() = default;

base::Result<std::unique_ptr<RmbRenderer>> RmbRenderer::Create() {
  RETURN_IF_ERROR(CheckFonts());
  auto impl = std::make_unique<Impl>();
  impl->font_map = pango_cairo_font_map_new();
  impl->context = pango_font_map_create_context(impl->font_map);
  SetFontOptions(impl->context);
  impl->metrics = std::make_unique<PangoTextMetrics>(impl->context, impl->fonts);
  return std::unique_ptr<RmbRenderer>(new RmbRenderer(std::move(impl)));
}

const TextMetrics& RmbRenderer::metrics() const { return *impl_->metrics; }

base::Result<std::unique_ptr<RmbRenderer::Document>> RmbRenderer::StartDocument(
    const PdfInfo& info) {
  auto doc = std::make_unique<Document::Impl>(*impl_);
  doc->surface =
      cairo_pdf_surface_create_for_stream(AppendToString, &doc->bytes, kPageWidth, kPageHeight);
  cairo_pdf_surface_restrict_to_version(doc->surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata(doc->surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
  cairo_pdf_surface_set_metadata(doc->surface, CAIRO_PDF_METADATA_CREATOR, "xuanren 选人用人");
  const std::string created = ShanghaiIso(info.created);
  cairo_pdf_surface_set_metadata(doc->surface, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  doc->cr = cairo_create(doc->surface);
  if (cairo_status(doc->cr) != CAIRO_STATUS_SUCCESS) return base::Internal("无法创建 PDF 画布");
  SetFontOptions(impl_->context);
  return std::unique_ptr<Document>(new Document(std::move(doc)));
}

base::Result<std::string> RmbRenderer::Render(const RmbLayout& layout, std::string_view photo,
                                              const PdfInfo& info) {
  ASSIGN_OR_RETURN(std::unique_ptr<Document> document, StartDocument(info));
  RETURN_IF_ERROR(document->AddForm(layout, photo));
  return document->Finish();
}

}  // namespace xr::print
