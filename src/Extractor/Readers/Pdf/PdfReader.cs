using Extractor.Model;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Extractor.Readers.Pdf;

/// <summary>
/// Reads a PDF with PdfPig into the unified model: running text as paragraphs, tables from ruling
/// lines (lattice) or from aligned columns (stream), tables continued over a page break joined,
/// headers and footers dropped, unreadable pages reported instead of read as empty.
/// </summary>
public sealed class PdfReader : IDocumentReader
{
    public string Format => "pdf";

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        using var document = Open(content);
        var warnings = new List<string>();
        var unreadable = new List<int>();
        var pages = new List<PageContent>();
        var failures = 0;
        if (document.NumberOfPages == 0)
        {
            throw new DocumentReadException("corrupt or truncated PDF: it has no pages");
        }
        for (var n = 1; n <= document.NumberOfPages; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var page = PageContentExtractor.Extract(document.GetPage(n));
                var reason = PageQuality.UnreadableReason(page);
                if (reason is not null)
                {
                    unreadable.Add(n);
                    warnings.Add($"page {n}: {reason}; its figures are missing");
                    continue;
                }
                pages.Add(page);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The library's own text (token dumps, "please raise an issue") is no message for a user.
                unreadable.Add(n);
                failures++;
                warnings.Add($"page {n}: could not be decoded (its content is damaged); its figures are missing");
            }
        }
        if (failures == document.NumberOfPages)
        {
            // Nothing decodes at all: the file itself is broken, not one odd page.
            throw new DocumentReadException("corrupt or truncated PDF: no page can be decoded");
        }

        var layout = PageLayoutBuilder.Build(pages, warnings, cancellationToken);
        var result = new LayoutDocument { Format = Format, Pages = document.NumberOfPages };
        result.Blocks.AddRange(layout);
        result.Warnings.AddRange(warnings);
        result.UnreadablePages.AddRange(unreadable);
        return result;
    }

    /// <summary>Opens the bytes, turning PdfPig's failures into reasons a user understands.</summary>
    private static PdfDocument Open(byte[] content)
    {
        if (content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF-"u8) < 0)
        {
            throw new DocumentReadException("not a PDF: the file has no %PDF- header (is it HTML or another format renamed to .pdf?)");
        }
        // Page-tree depth and reference chains before PdfPig recurses through them.
        PdfStructureGuard.Check(content);
        try
        {
            // An owner password only restricts printing or copying; PdfPig opens such files with the empty user password.
            return PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentReadException("password-protected: the PDF needs a user password to open", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // PdfPig's text stays in the exception (the log), not in the reason.
            throw new DocumentReadException("damaged: corrupt or truncated PDF, it cannot be parsed", ex);
        }
    }
}
