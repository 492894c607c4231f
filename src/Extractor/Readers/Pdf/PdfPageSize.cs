using UglyToad.PdfPig;

namespace Extractor.Readers.Pdf;

/// <summary>
/// The size of a page in PDF points as the readers see it (display orientation: PdfPig turns a /Rotate'd page),
/// the frame of the boxes in the result JSON. For viewers that draw those boxes on a rendered page.
/// </summary>
public static class PdfPageSize
{
    /// <summary>Width and height of page <paramref name="page"/> (1-based); null when the PDF cannot be opened or has no such page.</summary>
    public static (double Width, double Height)? Of(byte[] content, int page)
    {
        try
        {
            // The same lenient parsing as PdfReader, so any PDF it read opens here too.
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (page < 1 || page > document.NumberOfPages)
            {
                return null;
            }
            var p = document.GetPage(page);
            return (p.Width, p.Height);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }
}
