using Extractor.Mapping;
using System.Text.RegularExpressions;
using Extractor.Model;
using Extractor.Segmentation;
using Extractor.Text;

namespace Extractor.Readers.Text;

/// <summary>
/// Plain text renditions of a report: pasted text, web archives, pdftotext output. The encoding is
/// detected (<see cref="TextDecoder"/>). Two layouts of tables:
/// 1. one row per line (tab-separated, '|'-separated, space-aligned, or cells run together);
/// 2. one cell per line or paragraph (web pages flattened by a scraper), with '|' marking cells
///    or separating them; rows are rebuilt where a label follows a figure.
/// Prose lines become text blocks; section headings always do.
/// </summary>
public sealed partial class PlainTextReader : IDocumentReader
{
    public string Format => "text";

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        var (text, _) = TextDecoder.Decode(content);
        var document = ReadText(text, Format);
        TextDecoder.MarkDamaged(document, TextDecoder.FindDamage(text)); // damaged bytes never become an ok figure
        return document;
    }

    /// <summary>Builds the layout from decoded text; also used for text extracted by other means.</summary>
    public static LayoutDocument ReadText(string text, string format)
    {
        var document = new LayoutDocument { Format = format };
        var lines = SplitLines(text);
        if (lines.Count == 0 || lines.All(l => l.Text.Trim().Length == 0))
        {
            throw new DocumentReadException("the file holds no text");
        }
        var cellPerLine = LooksCellPerLine(lines);
        var builder = new TableRunBuilder(document, cellPerLine ? "text-cells" : "text-lines");
        foreach (var line in lines)
        {
            if (FlattenedTables.Explode(line.Text, line.Offset) is { } pieces)
            {
                foreach (var piece in pieces)
                {
                    if (piece.Cells is { } cells)
                    {
                        builder.CellsRow(cells, line.Number);
                    }
                    else
                    {
                        ReadLine(builder, new Line(piece.Text!, piece.Offset, line.Number), cellPerLine);
                    }
                }
                continue;
            }
            ReadLine(builder, line, cellPerLine);
        }
        builder.Flush();
        return document;
    }

    private static void ReadLine(TableRunBuilder builder, Line line, bool cellPerLine)
    {
        var trimmed = line.Text.Trim();
        // Markdown renditions (PDF converted by other tools): "## 四、…" is the heading itself; "|---|---|" rules nothing.
        if (MarkdownRule().IsMatch(trimmed))
        {
            return;
        }
        if (MarkdownHeading().Match(trimmed) is { Success: true } heading)
        {
            trimmed = trimmed[heading.Length..].Trim();
            line = line with { Text = trimmed, Offset = line.Offset + line.Text.IndexOf(trimmed, StringComparison.Ordinal) };
        }
        if (trimmed.Length == 0 || trimmed == "\f" || IsPageNumber(trimmed))
        {
            builder.BlankLine(cellPerLine);
            return;
        }
        if (SectionHeadings.IsSectionHeading(trimmed) || IsProse(trimmed) || IsTitle(trimmed))
        {
            builder.Text(trimmed, line);
            return;
        }
        if (cellPerLine)
        {
            builder.CellLine(line);
        }
        else
        {
            builder.RowLine(line);
        }
    }

    /// <summary>Long lines and sentences are prose, unless they end in a run of figures (a space-aligned row).</summary>
    private static bool IsProse(string line)
    {
        if (line.Contains('\t') || line.Count(c => c == '|') >= 2)
        {
            return false;
        }
        var cells = LineCells.Split(line);
        if (cells.Count(c => c.Text.Length > 0 && CellValueParser.IsValueLike(c.Text)) >= 2)
        {
            return false;
        }
        var noPipe = TextNormalizer.CollapseSpace(line.Replace("|", "", StringComparison.Ordinal));
        return noPipe.Length > 70 || noPipe.EndsWith('。') || (noPipe.Contains('。') && noPipe.Length > 30);
    }

    /// <summary>The report's title is text even where every short line is a cell.</summary>
    private static bool IsTitle(string line) => line.Length <= 80 && !line.Contains('\t') && (line.Contains("年度报告") || line.Contains("年报") || line.EndsWith("报告"));

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")]
    private static partial Regex MarkdownRule();

    [GeneratedRegex(@"^#{1,6}\s+")]
    private static partial Regex MarkdownHeading();

    /// <summary>Page furniture of text taken from PDFs: "— 1 —", "- 2 -", "第 3 页", "3/6".</summary>
    private static bool IsPageNumber(string line) => PageNumberPattern().IsMatch(line);

    [GeneratedRegex(@"^\s*(?:[-—–─]+\s*\d{1,3}\s*[-—–─]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")]
    private static partial Regex PageNumberPattern();

    /// <summary>Many lone figures on their own lines, few multi-cell lines: one cell per line.</summary>
    private static bool LooksCellPerLine(List<Line> lines)
    {
        int lone = 0, multi = 0;
        foreach (var line in lines)
        {
            var t = line.Text.Trim();
            if (t.Length == 0)
            {
                continue;
            }
            if (t.Contains('\t'))
            {
                multi++;
                continue;
            }
            var cells = t.Split('|').Select(c => c.Trim()).ToList();
            if (cells.Count(c => c.Length > 0) >= 2)
            {
                multi++;
            }
            else if (t.All(c => c == '|') || CellValueParser.Parse(cells[0]).IsNumber)
            {
                lone++;
            }
            else if (LineCells.Split(t).Count >= 3)
            {
                multi++;
            }
        }
        return lone >= 8 && lone > multi * 2;
    }

    internal readonly record struct Line(string Text, int Offset, int Number);

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        var number = 1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n' || text[i] == '\r')
            {
                lines.Add(new Line(text[start..i], start, number++));
                if (i < text.Length - 1 && text[i] == '\r' && text[i + 1] == '\n')
                {
                    i++;
                }
                start = i + 1;
            }
        }
        return lines;
    }
}
