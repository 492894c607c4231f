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
        // The text layer is read once; only a PDF none of whose pages could be read goes to OCR.
        var textLayer = textLayerReader.Read(content, fileName, cancellationToken);
        var pageCount = textLayer.Pages;
        if (pageCount == 0 || textLayer.UnreadablePages.Count < pageCount)
        {
            return textLayer;
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
                foreach (var (stage, ms) in page.TimingsMs)
                {
                    document.TimingsMs[stage] = document.TimingsMs.GetValueOrDefault(stage) + ms;
                }
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
}
