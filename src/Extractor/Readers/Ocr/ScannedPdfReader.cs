using Extractor.Model;
using Extractor.Readers.External;
using UglyToad.PdfPig;

namespace Extractor.Readers.Ocr;

/// <summary>
/// Wraps the PDF reader: a PDF none of whose pages has a text layer is a scan, and is read by OCR
/// (<see cref="OcrPageReader"/>): the pages are dealt to one lane per helper slot, and a lane reads
/// its pages in batches that share their Tesseract runs (a run's start-up costs as much as a
/// page's figures). Any other PDF goes to the wrapped reader, which calls
/// <see cref="OcrPageReader.ReadPage"/> itself for the odd scanned page of a mixed document. Without Tesseract a scan is reported as unreadable pages
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
        // Pages dealt round robin to one lane per helper slot; a lane reads its pages in batches that share Tesseract runs.
        var lanes = Math.Min(ExternalProcess.MaxConcurrent, pageCount);
        Parallel.For(0, lanes, new ParallelOptions { MaxDegreeOfParallelism = lanes, CancellationToken = cancellationToken }, lane =>
        {
            var pages = Enumerable.Range(1, pageCount).Where(p => (p - 1) % lanes == lane);
            foreach (var batch in pages.Chunk(BatchPages))
            {
                ReadBatch(path, batch, results, errors, cancellationToken);
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

    /// <summary>Pages read together at most: each keeps its cells' crops and a half-size page image until the batch is read.</summary>
    private const int BatchPages = 8;

    /// <summary>Reads <paramref name="pages"/> together; when that fails, page by page, so that one bad page costs only itself.</summary>
    private void ReadBatch(string path, int[] pages, OcrPage?[] results, string?[] errors, CancellationToken cancellationToken)
    {
        try
        {
            var read = OcrPageReader.ReadPages(path, pages, _options, cancellationToken);
            for (var i = 0; i < pages.Length; i++)
            {
                results[pages[i] - 1] = read[i];
            }
            return;
        }
        catch (Exception ex) when (IsPageFailure(ex) && pages.Length > 1)
        {
            // Tell the failing page from the others below.
        }
        catch (Exception ex) when (IsPageFailure(ex))
        {
            errors[pages[0] - 1] = ex.Message;
            return;
        }
        foreach (var page in pages)
        {
            ReadBatch(path, [page], results, errors, cancellationToken);
        }
    }

    private static bool IsPageFailure(Exception ex) => ex is IOException or Polly.Timeout.TimeoutRejectedException or InvalidDataException;
}
