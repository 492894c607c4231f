using System.Text;
using DocumentFormat.OpenXml;
using Extractor.Text;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Extractor.Readers.Docx;

/// <summary>The visible text of a paragraph or cell: runs, tabs and breaks; not deleted text, field codes or fallback copies.</summary>
internal static class DocxText
{
    /// <summary>Text of one paragraph; text boxes found inside it are handed back, not inlined.</summary>
    public static string Of(W.Paragraph paragraph, List<W.TextBoxContent>? boxes)
    {
        var sb = new StringBuilder();
        Collect(paragraph, sb, boxes);
        return CellText.Clean(sb.ToString());
    }

    /// <summary>Text of a table cell: its paragraphs, then those of its text boxes, joined by a space.</summary>
    public static string OfCell(W.TableCell cell)
    {
        var sb = new StringBuilder();
        var boxes = new List<W.TextBoxContent>();
        foreach (var paragraph in cell.Descendants<W.Paragraph>().Where(p => !p.Ancestors<W.TextBoxContent>().Any()))
        {
            Collect(paragraph, sb, boxes);
            sb.Append(' ');
        }
        foreach (var paragraph in boxes.SelectMany(b => b.Descendants<W.Paragraph>()))
        {
            Collect(paragraph, sb, null);
            sb.Append(' ');
        }
        return CellText.Clean(sb.ToString());
    }

    private static void Collect(OpenXmlElement element, StringBuilder sb, List<W.TextBoxContent>? boxes)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case W.Text text:
                    sb.Append(text.Text);
                    break;
                case W.TabChar or W.PositionalTab or W.Break or W.CarriageReturn:
                    sb.Append(' ');
                    break;
                case W.NoBreakHyphen:
                    sb.Append('-');
                    break;
                case W.TextBoxContent box:
                    boxes?.Add(box);
                    break;
                case W.FieldCode or W.DeletedText or W.Deleted or W.DeletedRun or AlternateContentFallback:
                    break;
                default:
                    Collect(child, sb, boxes);
                    break;
            }
        }
    }
}
