using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Extractor.Model;
using Extractor.Text;

namespace Extractor.Readers.Html;

/// <summary>
/// Government web pages and Word "save as web page" exports, read with AngleSharp: the charset from
/// the meta tag (GB2312/GBK pages are common), running text as blocks, and every data table expanded
/// into a full grid (rowspan/colspan, th and td). A table that holds other tables is a layout table:
/// its own text is read as text and its inner tables as tables. Pictures (img) go, at their place,
/// to <see cref="Pictures"/> (OCR in the shipped registry): data: URIs always, files beside the page
/// when the page is read from its folder (<see cref="ReadInFolder"/>); nothing is fetched from the web.
/// </summary>
public sealed partial class HtmlReader : IDocumentReader
{
    private static readonly HashSet<string> BlockTags =
    [
        "P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "UL", "OL", "SECTION", "ARTICLE", "TR", "BLOCKQUOTE",
        "HEADER", "FOOTER", "CENTER", "PRE", "DL", "DT", "DD", "CAPTION", "FORM", "BODY", "MAIN", "NAV", "ADDRESS",
    ];

    private static readonly HashSet<string> SkippedTags = ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "SVG", "IFRAME", "OBJECT"];

    public string Format => "html";

    /// <summary>Reads pictures that may hold a table (OCR); null: pictures are ignored.</summary>
    public IPictureReader? Pictures { get; init; }

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default) =>
        ReadPage(content, null, cancellationToken);

    /// <summary>As <see cref="Read(byte[], string, CancellationToken)"/>; relative image paths are looked up in <paramref name="folder"/>.</summary>
    public LayoutDocument ReadInFolder(byte[] content, string fileName, string folder, CancellationToken cancellationToken = default) =>
        ReadPage(content, folder, cancellationToken);

    private LayoutDocument ReadPage(byte[] content, string? folder, CancellationToken cancellationToken)
    {
        var head = Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 4096));
        var charset = CharsetPattern().Match(head) is { Success: true } m ? m.Groups[1].Value : null;
        var html = TextDecoder.DecodeAs(content, charset);
        HtmlDepthGuard.Check(html);
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = false });
        var dom = parser.ParseDocument(html);
        var document = new LayoutDocument { Format = Format };
        var images = Pictures is null ? null : new HtmlImages(folder);
        var walker = new Walker(document, images, cancellationToken);
        walker.Visit(dom.Body ?? (INode)dom.DocumentElement);
        walker.FlushLine();
        if (images is not null)
        {
            images.Finish();
            document.Warnings.AddRange(images.Warnings);
            if (images.Pictures.Count > 0)
            {
                Pictures!.ReadPictures(images.Pictures, document, cancellationToken);
            }
        }
        if (document.Blocks.Count == 0)
        {
            throw new DocumentReadException("the HTML page holds no text"
                + (document.Warnings.Count > 0 ? ": " + string.Join("; ", document.Warnings) : ""));
        }
        if (!document.Tables.Any())
        {
            document.Warnings.Add("the HTML page has no <table>: tables were read from its text");
            var lines = string.Join("\n", document.Blocks.OfType<TextBlock>().Select(b => b.Text));
            return WithWarnings(Text.PlainTextReader.ReadText(lines, Format), document.Warnings);
        }
        return document;
    }

    private static LayoutDocument WithWarnings(LayoutDocument document, List<string> warnings)
    {
        document.Warnings.AddRange(warnings);
        return document;
    }

    private sealed class Walker(LayoutDocument document, HtmlImages? images, CancellationToken cancellationToken)
    {
        private readonly StringBuilder _line = new();
        private readonly List<(IElement Image, int ElementIndex)> _pendingImages = [];
        private int _lineElement = -1;
        private int _elementIndex;
        private int _tableIndex;

        public void Visit(INode node)
        {
            switch (node)
            {
                case IText text:
                    if (_line.Length == 0)
                    {
                        _lineElement = _elementIndex;
                    }
                    _line.Append(text.Data);
                    return;
                case IElement element:
                    _elementIndex++;
                    if (SkippedTags.Contains(element.TagName))
                    {
                        return;
                    }
                    // QuerySelector stops at the first inner table; QuerySelectorAll listed all of them for every table,
                    // the square of the depth on a chain of nested tables.
                    if (element is IHtmlTableElement table && table.QuerySelector("table") is null)
                    {
                        FlushLine();
                        cancellationToken.ThrowIfCancellationRequested();
                        var tableIndex = _elementIndex;
                        var grid = TableGrid.Build(table, ++_tableIndex, _elementIndex);
                        if (grid is not null)
                        {
                            document.Blocks.Add(new TableBlock(grid));
                        }
                        // Pictures inside a table's cells (a layout table around them) follow it.
                        foreach (var image in images is null ? Enumerable.Empty<IElement>() : table.QuerySelectorAll("img"))
                        {
                            images!.Add(image, document.Blocks.Count, tableIndex);
                        }
                        return;
                    }
                    if (element.TagName == "IMG" && images is not null)
                    {
                        // Placed after the text line it stands in (resolved when the line ends).
                        _pendingImages.Add((element, _elementIndex));
                        if (IsBlank(_line))
                        {
                            PlacePendingImages();
                        }
                        return;
                    }
                    if (element.TagName == "BR")
                    {
                        FlushLine();
                        return;
                    }
                    var block = BlockTags.Contains(element.TagName) || element.TagName is "TABLE" or "TD" or "TH";
                    if (block)
                    {
                        FlushLine();
                    }
                    foreach (var child in element.ChildNodes)
                    {
                        Visit(child);
                    }
                    if (block)
                    {
                        FlushLine();
                    }
                    return;
                default:
                    foreach (var child in node.ChildNodes)
                    {
                        Visit(child);
                    }
                    return;
            }
        }

        private static bool IsBlank(StringBuilder line)
        {
            foreach (var chunk in line.GetChunks())
            {
                if (!chunk.Span.IsWhiteSpace())
                {
                    return false;
                }
            }
            return true;
        }

        public void FlushLine()
        {
            var text = CellText.Clean(_line.ToString());
            _line.Clear();
            if (text.Length > 0)
            {
                document.Blocks.Add(new TextBlock(text, new Provenance(Offset: _lineElement)));
            }
            PlacePendingImages();
        }

        private void PlacePendingImages()
        {
            foreach (var (image, index) in _pendingImages)
            {
                images?.Add(image, document.Blocks.Count, index);
            }
            _pendingImages.Clear();
        }
    }
}
