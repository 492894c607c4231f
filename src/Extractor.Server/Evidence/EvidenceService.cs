using System.Globalization;
using Extractor.Model;
using Extractor.Readers;
using Extractor.Readers.Ocr;
using Extractor.Readers.Pdf;
using Extractor.Results;
using Extractor.Schema;
using Extractor.Server.Contracts;
using Extractor.Server.Results;
using Extractor.Server.Review;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using ResultEvidence = Extractor.Results.Evidence;

namespace Extractor.Server.Evidence;

/// <summary>
/// The evidence of a figure: its state, its checks and where it was read, with the page image (PDF, scan) or the
/// picture (image document) and the box drawn on it, or the source text and the table as the reader saw them
/// (HTML, DOCX, text). Used by the endpoints and, in-process, by the web pages.
/// </summary>
public sealed class EvidenceService(ExtractorDbContext db, CrossYearChecks crossYear, PageImages pages)
{
    /// <summary>How the box is drawn: this colour, this many pixels wide, just outside the cell.</summary>
    public static readonly (byte R, byte G, byte B) BoxColour = (255, 0, 0);

    public const int BoxThickness = 3;

    /// <summary>Characters of source text shown on each side of the figure.</summary>
    public const int ExcerptChars = 240;

    /// <summary>Box units and origin, as stated in <see cref="PageLocationDto"/> and docs/SERVICE.md.</summary>
    public const string BoxUnits = "pt", BoxOrigin = "bottom-left", PixelOrigin = "top-left";

    private static readonly ReaderRegistry TextReaders = ReaderRegistry.Create(new PictureOcrOptions { OcrInstalled = false });
    private static readonly ImageReader Pictures = new();

    /// <summary>
    /// The evidence of field <paramref name="path"/> of document <paramref name="documentId"/>; pixel boxes are for page
    /// images at <paramref name="dpi"/>. Throws <see cref="EvidenceException"/>: 404 unknown document or path, 409 not extracted.
    /// </summary>
    public async Task<FieldEvidenceDto> GetAsync(Guid documentId, string path, int dpi = PageImages.DefaultDpi, CancellationToken cancellationToken = default)
    {
        var def = Template.Find(path) ?? throw new EvidenceException(404, $"'{path}' 不是 200 个字段之一 (not one of the field paths of fields.tsv)");
        dpi = Math.Clamp(dpi, PageImages.MinDpi, PageImages.MaxDpi);
        var (doc, result) = await LoadAsync(documentId, cancellationToken);
        var field = result.Fields.GetValueOrDefault(path) ?? new FieldResult();
        var ev = field.Evidence;
        var checks = await ChecksAsync(doc, result, path, cancellationToken);
        var review = await ReviewStateAsync(documentId, path, cancellationToken);
        var format = doc.Format ?? result.Document.Format;
        string kind = "none";
        PageLocationDto? page = null;
        TextLocationDto? text = null;
        if (ev is not null)
        {
            if (ev.Bbox is { Length: 4 } && (format == "image" || ev.Page is not null) && format is "pdf" or "image")
            {
                var content = await ContentAsync(doc, cancellationToken);
                page = format == "image" ? PictureLocation(documentId, path, ev, content) : PdfLocation(documentId, path, ev, content, dpi);
                kind = page is null ? "none" : format == "image" ? "picture" : "page";
            }
            else if (format is "html" or "docx" or "text" && (ev.Offset is not null || ev.DomPath is not null))
            {
                var content = await ContentAsync(doc, cancellationToken);
                text = TextLocation(content, doc.FileName, format, ev);
                kind = text is null ? "none" : "text";
            }
        }
        return new FieldEvidenceDto(
            documentId, doc.FileName, format, path, ReviewLabel(def), def.RowLabel, def.ColumnLabel, def.Unit,
            Numbers.Plain(field.Value), field.Status, field.Confidence, field.Flags,
            ev?.Text, ev?.RowLabel, ev?.ColumnLabel, ev?.LabelScore, ev?.SuggestedValue, ev?.Alternatives,
            checks, review, kind, page, text);
    }

    /// <summary>
    /// Page <paramref name="page"/> of a PDF document rendered at <paramref name="dpi"/> as PNG (or, for an image document,
    /// page 1: the picture itself), with the box of <paramref name="fieldPath"/> drawn on it when given.
    /// Throws <see cref="EvidenceException"/> (404 document/page, 422 not a paged format, 503 no pdftoppm).
    /// </summary>
    public async Task<EvidenceImage> PageImageAsync(Guid documentId, int page, int dpi = PageImages.DefaultDpi, string? fieldPath = null, CancellationToken cancellationToken = default)
    {
        dpi = Math.Clamp(dpi, PageImages.MinDpi, PageImages.MaxDpi);
        var (doc, result) = await LoadAsync(documentId, cancellationToken);
        var image = await PageRasterAsync(doc, result, page, dpi, cancellationToken);
        if (fieldPath is not null)
        {
            var location = await LocationAsync(doc, result, fieldPath, dpi, cancellationToken);
            if (location.Page != page)
            {
                throw new EvidenceException(404, $"字段 {fieldPath} 不在第 {page} 页（在第 {location.Page} 页）");
            }
            var b = location.PixelBox;
            image.DrawBox(b[0], b[1], b[2], b[3], BoxThickness, BoxColour);
        }
        return new EvidenceImage(image.ToPng(), image.Width, image.Height);
    }

    /// <summary>
    /// A zoomed crop around field <paramref name="path"/>: its cell with <paramref name="marginPixels"/> around it at
    /// <paramref name="dpi"/> (default 200), the box drawn. Throws <see cref="EvidenceException"/> 404/409/422/503.
    /// </summary>
    public async Task<EvidenceImage> CropAsync(Guid documentId, string path, int dpi = 200, int marginPixels = 120, CancellationToken cancellationToken = default)
    {
        dpi = Math.Clamp(dpi, PageImages.MinDpi, PageImages.MaxDpi);
        marginPixels = Math.Clamp(marginPixels, 0, 1000);
        var (doc, result) = await LoadAsync(documentId, cancellationToken);
        var location = await LocationAsync(doc, result, path, dpi, cancellationToken);
        var image = await PageRasterAsync(doc, result, location.Page, dpi, cancellationToken);
        var b = location.PixelBox;
        image.DrawBox(b[0], b[1], b[2], b[3], BoxThickness, BoxColour);
        // Wide enough to show the row's label on the left as well.
        var crop = image.Crop(b[0] - (marginPixels * 3), b[1] - marginPixels, b[2] + marginPixels, b[3] + marginPixels);
        return new EvidenceImage(crop.ToPng(), crop.Width, crop.Height);
    }

    private async Task<PageLocationDto> LocationAsync(Document doc, ExtractionResult result, string path, int dpi, CancellationToken ct)
    {
        if (Template.Find(path) is null)
        {
            throw new EvidenceException(404, $"'{path}' 不是 200 个字段之一");
        }
        var ev = result.Fields.GetValueOrDefault(path)?.Evidence;
        var format = doc.Format ?? result.Document.Format;
        if (ev?.Bbox is not { Length: 4 } || format is not ("pdf" or "image") || (format == "pdf" && ev.Page is null))
        {
            throw new EvidenceException(422, $"字段 {path} 没有页面位置（格式 {format}：请看文本证据）");
        }
        var content = await ContentAsync(doc, ct);
        return (format == "image" ? PictureLocation(doc.Id, path, ev, content) : PdfLocation(doc.Id, path, ev, content, dpi))
            ?? throw new EvidenceException(422, $"字段 {path} 的位置无法换算为像素");
    }

    private async Task<RgbImage> PageRasterAsync(Document doc, ExtractionResult result, int page, int dpi, CancellationToken ct)
    {
        var format = doc.Format ?? result.Document.Format;
        if (format == "image")
        {
            if (page != 1)
            {
                throw new EvidenceException(404, $"图片文档只有 1 页，没有第 {page} 页");
            }
            var content = await ContentAsync(doc, ct);
            try
            {
                return RgbImage.FromGray(PictureDecoder.Decode(content, 1.0, ct));
            }
            catch (InvalidOperationException) when (!PageImages.IsAvailable)
            {
                // A JPEG is decoded through pdftoppm.
                throw new EvidenceException(503, "服务器未安装 pdftoppm（poppler-utils），无法显示 JPEG 图片 (pdftoppm is not installed)");
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException)
            {
                throw new EvidenceException(422, $"图片无法解码：{ex.Message}");
            }
        }
        if (format != "pdf")
        {
            throw new EvidenceException(422, $"{format} 文档没有页面图像：请看文本证据 (only PDF and image documents have page images)");
        }
        var pageCount = result.Document.Pages;
        if (page < 1 || (pageCount > 0 && page > pageCount))
        {
            throw new EvidenceException(404, $"文档共 {pageCount} 页，没有第 {page} 页");
        }
        return await pages.RenderAsync(doc.Sha256, c => ContentAsync(doc, c), page, dpi, ct);
    }

    /// <summary>A text-layer or scanned PDF: boxes are PDF points, origin bottom-left of the page as displayed.</summary>
    private static PageLocationDto? PdfLocation(Guid id, string path, ResultEvidence ev, byte[] content, int dpi)
    {
        if (PdfPageSize.Of(content, ev.Page!.Value) is not var (width, height))
        {
            return null;
        }
        var k = dpi / 72.0;
        var box = ev.Bbox!;
        var pixel = ToPixels(box, k, height);
        var q = dpi == PageImages.DefaultDpi ? "" : $"&dpi={dpi.ToString(CultureInfo.InvariantCulture)}";
        return new PageLocationDto(ev.Page!.Value, box, BoxUnits, BoxOrigin, width, height, dpi, pixel,
            (int)Math.Ceiling(width * k), (int)Math.Ceiling(height * k),
            $"/api/documents/{id}/pages/{ev.Page}.png?field={Uri.EscapeDataString(path)}{q}",
            $"/api/documents/{id}/fields/{Uri.EscapeDataString(path)}/crop.png");
    }

    /// <summary>An image document: boxes are points of the picture at the OCR resolution; pixels are the picture's own.</summary>
    private static PageLocationDto? PictureLocation(Guid id, string path, ResultEvidence ev, byte[] content)
    {
        PictureInfo? info;
        double? ppp;
        try
        {
            info = PictureDecoder.Probe(content);
            ppp = Pictures.PixelsPerPoint(content);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        if (info is null || ppp is null)
        {
            return null;
        }
        var pixel = ToPixels(ev.Bbox!, ppp.Value, info.Height / ppp.Value);
        return new PageLocationDto(1, ev.Bbox!, BoxUnits, BoxOrigin, info.Width / ppp.Value, info.Height / ppp.Value,
            (int)Math.Round(ppp.Value * 72), pixel, info.Width, info.Height,
            $"/api/documents/{id}/pages/1.png?field={Uri.EscapeDataString(path)}",
            $"/api/documents/{id}/fields/{Uri.EscapeDataString(path)}/crop.png");
    }

    /// <summary>[x0, y0, x1, y1] points (origin bottom-left) → pixels (origin top-left, x1/y1 exclusive) at <paramref name="k"/> pixels per point.</summary>
    internal static int[] ToPixels(double[] box, double k, double heightPoints) =>
    [
        (int)Math.Floor(box[0] * k), (int)Math.Floor((heightPoints - box[3]) * k),
        (int)Math.Ceiling(box[2] * k), (int)Math.Ceiling((heightPoints - box[1]) * k),
    ];

    /// <summary>The figure in the source: the decoded text (text files) or the reader's text (HTML, DOCX), and its table.</summary>
    private static TextLocationDto? TextLocation(byte[] content, string fileName, string format, ResultEvidence ev)
    {
        LayoutDocument layout;
        try
        {
            layout = TextReaders.Select(content, fileName).Read(content, fileName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
        // The reader's text in reading order, and where each cell lands in it.
        var sb = new System.Text.StringBuilder();
        TableViewDto? table = null;
        int readerOffset = -1, readerLength = 0;
        foreach (var block in layout.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    sb.Append(t.Text).Append('\n');
                    break;
                case TableBlock { Table: var tb }:
                    var rows = new List<IReadOnlyList<string>>(tb.RowCount);
                    for (var r = 0; r < tb.RowCount; r++)
                    {
                        var row = new List<string>(tb.ColumnCount);
                        for (var c = 0; c < tb.ColumnCount; c++)
                        {
                            var cell = tb.At(r, c);
                            var cellText = cell?.Text ?? "";
                            row.Add(cellText);
                            if (c > 0)
                            {
                                sb.Append('\t');
                            }
                            var isOrigin = cell is not null && cell.Row == r && cell.Column == c;
                            if (isOrigin && table is null && Matches(cell!, ev))
                            {
                                readerOffset = sb.Length;
                                readerLength = cellText.Length;
                                table = new TableViewDto(rows, r, c, tb.Strategy);
                            }
                            sb.Append(isOrigin ? cellText : "");
                        }
                        rows.Add(row);
                        sb.Append('\n');
                    }
                    break;
            }
        }
        if (format == "text" && ev.Offset is { } o)
        {
            var source = TextDecoder.Decode(content).Text;
            var offset = Math.Clamp(o, 0, source.Length);
            return Excerpt("text", source, offset, FigureLength(source, offset, ev.Text), table, ev);
        }
        if (readerOffset < 0)
        {
            // Not found in what the text readers see (a table that was a picture, read by OCR): no excerpt, only the element.
            return new TextLocationDto("reader", -1, 0, "", "", "", null, ev.DomPath, ev.Line);
        }
        return Excerpt("reader", sb.ToString(), readerOffset, readerLength, table, ev);
    }

    private static bool Matches(Cell cell, ResultEvidence ev)
    {
        var p = cell.Provenance;
        if (ev.DomPath is not null)
        {
            return p.DomPath == ev.DomPath && p.Offset == ev.Offset;
        }
        return ev.Offset is not null && p.Offset == ev.Offset && (ev.Line is null || p.Line == ev.Line);
    }

    private static int FigureLength(string source, int offset, string? cellText)
    {
        if (string.IsNullOrEmpty(cellText))
        {
            return 0;
        }
        var at = source.IndexOf(cellText.Trim(), offset, StringComparison.Ordinal);
        return at == offset ? cellText.Trim().Length : 0;
    }

    private static TextLocationDto Excerpt(string kind, string source, int offset, int length, TableViewDto? table, ResultEvidence ev)
    {
        var start = Math.Max(0, offset - ExcerptChars);
        var end = Math.Min(source.Length, offset + length + ExcerptChars);
        return new TextLocationDto(kind, offset, length, source[start..offset], source.Substring(offset, length), source[(offset + length)..end], table, ev.DomPath, ev.Line);
    }

    private async Task<(Document Doc, ExtractionResult Result)> LoadAsync(Guid id, CancellationToken ct)
    {
        var doc = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new EvidenceException(404, $"没有文档 {id}");
        // While a re-extraction runs (processing) the last result still stands and its evidence is served.
        if (doc.Status == DocumentStatus.Failed || doc.ResultJson is null || ResultJson.Deserialize(doc.ResultJson) is not { } result || result.Status == "failed")
        {
            throw new EvidenceException(409, doc.Status == DocumentStatus.Failed
                ? $"文档 {id} 提取失败，没有可查看的证据：{doc.Error}"
                : $"文档 {id} 还没有提取结果（状态 {doc.Status}）");
        }
        return (doc, result);
    }

    private async Task<byte[]> ContentAsync(Document doc, CancellationToken ct) =>
        await db.Files.AsNoTracking().Where(f => f.Sha256 == doc.Sha256).Select(f => f.Content).SingleOrDefaultAsync(ct)
        ?? throw new EvidenceException(404, $"文档 {doc.Id} 的原始文件不在存储中");

    private async Task<List<CheckStateDto>> ChecksAsync(Document doc, ExtractionResult result, string path, CancellationToken ct)
    {
        var all = result.Checks.Concat(await crossYear.ForAsync(doc, ct)).Where(c => c.Fields.Contains(path)).ToList();
        var acks = await ReviewService.ActiveAcknowledgementsAsync(db, doc.Id, ct);
        return all.Select(c => ReviewService.CheckState(c, acks)).ToList();
    }

    private async Task<FieldReviewStateDto> ReviewStateAsync(Guid id, string path, CancellationToken ct)
    {
        var correction = await db.Corrections.AsNoTracking().Where(c => c.DocumentId == id && c.Path == path).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var confirmation = await db.ReviewActions.AsNoTracking()
            .Where(a => a.DocumentId == id && a.Path == path && a.Kind == ReviewActionKind.Confirm && a.Active)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        return new FieldReviewStateDto(confirmation is not null, confirmation?.Who, confirmation?.At,
            correction is not null, correction?.Who, correction?.At, correction?.Reason);
    }

    /// <summary>"一、本年新收政府信息公开申请数量 自然人": the row and column of the template.</summary>
    internal static string ReviewLabel(FieldDef def) => $"{def.RowLabel} {def.ColumnLabel}";
}
