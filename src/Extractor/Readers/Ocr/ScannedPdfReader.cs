using Extractor.Model;
using Extractor.Readers.External;
using UglyToad.PdfPig;

namespace Extractor.Readers.Ocr;

/// <summary>
/// Wraps the PDF reader: a PDF none of whose pages has a text layer is a scan, and is read by OCR
/// (<see cref="OcrPageReader"/>) page by page, pages in parallel up to the helper limit. Any other
/// PDF goes to the wrapped reader, which calls <see cref="OcrPageReader.ReadPage"/> itself for the
/// odd scanned page of a mixed document. Without Tesseract a scan is reported as unreadable pages
/// with a warning saying why: its figures are missing, never zero.
/// </summary>
public sealed class ScannedPdfReader(IDocumentReader textLayerReader, OcrOptions? options = null) : IDocumentReader
{
    private readonly OcrOptions _options = options ?? OcrOptions.Default;

    public string Format => textLayerReader.Format;

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        var pages = TextLayerPages(content, out var pageCount);
        if (pages is null || pages.Count > 0 || pageCount == 0)
        {
            return textLayerReader.Read(content, fileName, cancellationToken);
        }
        var document = new LayoutDocument { Format = Format, Pages = pageCount };
        if (!OcrPageReader.IsAvailable)
        {
            document.UnreadablePages.AddRange(Enumerable.Range(1, pageCount));
            document.Warnings.Add($"scanned PDF: none of its {pageCount} page(s) has a text layer, and OCR needs tesseract (with chi_sim) and pdftoppm, which are not installed; its figures are missing");
            return document;
        }
        using var temp = new TempFolder("extractor-scan-");
        var path = temp.File("document.pdf");
        File.WriteAllBytes(path, content);
        var results = new OcrPage?[pageCount];
        var errors = new string?[pageCount];
        Parallel.For(0, pageCount, new ParallelOptions { MaxDegreeOfParallelism = ExternalProcess.MaxConcurrent, CancellationToken = cancellationToken }, i =>
        {
            try
            {
                results[i] = OcrPageReader.ReadPageFile(path, i + 1, _options, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or Polly.Timeout.TimeoutRejectedException or InvalidDataException)
            {
                errors[i] = ex.Message;
            }
        });
        document.Warnings.Add($"scanned PDF (no text layer): {pageCount} page(s) read by OCR; figures carry the flag ocr");
        var blocks = new List<Block>();
        for (var i = 0; i < pageCount; i++)
        {
            if (results[i] is { } page)
            {
                blocks.AddRange(page.Blocks);
                document.Warnings.AddRange(page.Warnings);
            }
            else
            {
                document.UnreadablePages.Add(i + 1);
                document.Warnings.Add($"page {i + 1}: OCR failed: {errors[i]}");
            }
        }
        document.Blocks.AddRange(ScanTableJoiner.Join(blocks));
        return document;
    }

    /// <summary>Pages (1-based) with at least a few letters in their text layer; null when PdfPig cannot open the file.</summary>
    private static List<int>? TextLayerPages(byte[] content, out int pageCount)
    {
        pageCount = 0;
        try
        {
            using var pdf = PdfDocument.Open(content);
            pageCount = pdf.NumberOfPages;
            var pages = new List<int>();
            for (var p = 1; p <= pageCount; p++)
            {
                if (pdf.GetPage(p).Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value)) >= 5)
                {
                    pages.Add(p);
                }
            }
            return pages;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A PDF PdfPig cannot parse is the wrapped reader's to report.
            return null;
        }
    }
}
