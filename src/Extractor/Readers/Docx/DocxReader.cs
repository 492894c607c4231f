using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Extractor.Model;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Extractor.Readers.Docx;

/// <summary>
/// Word documents, read with Open XML: the body in reading order; paragraphs (headings included) as
/// text blocks; content controls and text boxes opened up; tables expanded to a grid
/// (<see cref="DocxTableGrid"/>). As in the HTML reader, a table that holds other tables is a layout
/// table: its cells are read as blocks. A legacy .doc/.wps (OLE) is first converted by LibreOffice.
/// Pictures in the body are handed, with their place and displayed size, to <see cref="Pictures"/>
/// (OCR in the shipped registry), so a table pasted as a picture is read where it stands.
/// </summary>
public sealed class DocxReader : IDocumentReader
{
    public string Format => "docx";

    /// <summary>Reads pictures that may hold a table (OCR); null: pictures are ignored.</summary>
    public IPictureReader? Pictures { get; init; }

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        var warnings = new List<string>();
        if (content.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            content = LegacyWordConverter.ToDocx(content, fileName, cancellationToken);
            warnings.Add("legacy Word 97-2003/WPS file: converted to DOCX by LibreOffice before reading");
        }
        using var word = Open(content);
        var main = word.MainDocumentPart;
        W.Body? body;
        try
        {
            body = main?.Document?.Body;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DocumentReadException("damaged: the DOCX package has no readable main document (word/document.xml)", ex);
        }
        if (body is null)
        {
            throw new DocumentReadException("damaged: the DOCX package has no main document (word/document.xml is missing or empty)");
        }
        var document = new LayoutDocument { Format = Format, Pages = PageCount(word) };
        document.Warnings.AddRange(warnings);
        var walker = new Walker(document, main!, cancellationToken);
        walker.VisitContainer(body);
        if (walker.Pictures.Count > 0 && Pictures is { } pictures)
        {
            pictures.ReadPictures(walker.Pictures, document, cancellationToken);
        }
        if (document.Blocks.Count == 0)
        {
            throw new DocumentReadException(walker.Pictures.Count > 0
                ? $"the DOCX holds no text, only {walker.Pictures.Count} picture(s), and nothing could be read from them"
                    + (document.Warnings.Count > 0 ? ": " + string.Join("; ", document.Warnings) : "")
                : "the DOCX holds no text");
        }
        return document;
    }

    private static WordprocessingDocument Open(byte[] content)
    {
        // Sizes, ratios and XML depth first: the SDK loads and recurses through whatever it is given.
        ZipPackageGuard.Check(content, "DOCX");
        try
        {
            return WordprocessingDocument.Open(new MemoryStream(content, writable: false), false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or DocumentReadException or OutOfMemoryException))
        {
            // The library's text stays in the exception (the log), not in the reason.
            throw new DocumentReadException("damaged: not a readable DOCX (the Word package is broken or it is another kind of file)", ex);
        }
    }

    private static int PageCount(WordprocessingDocument word) =>
        int.TryParse(word.ExtendedFilePropertiesPart?.Properties?.Pages?.Text, out var pages) && pages > 0 ? pages : 1;

    private sealed class Walker(LayoutDocument document, MainDocumentPart main, CancellationToken cancellationToken)
    {
        private int _blockIndex;
        private int _tableIndex;

        public List<EmbeddedPicture> Pictures { get; } = [];

        public void VisitContainer(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                VisitBlock(child);
            }
        }

        private void VisitBlock(OpenXmlElement element)
        {
            switch (element)
            {
                case W.Paragraph paragraph:
                    AddParagraph(paragraph);
                    break;
                case W.Table table when table.Descendants<W.Table>().Any():
                    // A layout table (a report framed by a table): its cells are read as blocks.
                    foreach (var cell in table.Descendants<W.TableCell>().Where(c => c.Ancestors<W.Table>().First() == table))
                    {
                        VisitContainer(cell);
                    }
                    break;
                case W.Table table:
                    cancellationToken.ThrowIfCancellationRequested();
                    var grid = DocxTableGrid.Build(table, ++_tableIndex, ++_blockIndex);
                    if (grid is not null)
                    {
                        document.Blocks.Add(new TableBlock(grid));
                    }
                    CollectPictures(table);
                    break;
                case W.SectionProperties or W.Deleted or W.DeletedRun or AlternateContentFallback:
                    break;
                default:
                    // Content controls (sdt), custom XML, inserted runs: read what they wrap.
                    VisitContainer(element);
                    break;
            }
        }

        private void AddParagraph(W.Paragraph paragraph)
        {
            var boxes = new List<W.TextBoxContent>();
            var text = DocxText.Of(paragraph, boxes);
            _blockIndex++;
            if (text.Length > 0)
            {
                document.Blocks.Add(new TextBlock(text, new Provenance(Offset: _blockIndex, DomPath: $"p[{_blockIndex}]")));
            }
            CollectPictures(paragraph);
            // Text boxes anchored in the paragraph follow it in reading order.
            foreach (var box in boxes)
            {
                VisitContainer(box);
            }
        }

        private void CollectPictures(OpenXmlElement element)
        {
            foreach (var blip in element.Descendants<DocumentFormat.OpenXml.Drawing.Blip>())
            {
                if (blip.Embed?.Value is { } id && !blip.Ancestors<AlternateContentFallback>().Any()
                    && main.TryGetPartById(id, out var part) && part is ImagePart image)
                {
                    using var stream = image.GetStream();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    // The displayed size (EMU, 914400 per inch) tells the picture's resolution.
                    var extent = blip.Ancestors<DW.Inline>().FirstOrDefault()?.Extent?.Cx?.Value
                        ?? blip.Ancestors<DW.Anchor>().FirstOrDefault()?.Extent?.Cx?.Value;
                    var name = System.IO.Path.GetFileName(image.Uri.OriginalString);
                    Pictures.Add(new EmbeddedPicture(buffer.ToArray(), image.ContentType, document.Blocks.Count, name)
                    {
                        DisplayWidthInches = extent is > 0 ? extent.Value / 914400.0 : null,
                        Offset = _blockIndex,
                        DomPath = $"p[{_blockIndex}]/picture[{Pictures.Count + 1}]",
                    });
                }
            }
        }
    }
}
