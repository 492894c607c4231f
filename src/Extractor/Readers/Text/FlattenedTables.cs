using System.Text.RegularExpressions;
using Extractor.Segmentation;

namespace Extractor.Readers.Text;

/// <summary>
/// Archived web pages and text pasted from web systems often hold a whole report as one run of
/// characters: labels and figures run together, no separators, no line breaks
/// (「规章000行政规范性文件77132470…一、本年新收政府信息公开申请数量801000081…」). Such a line is cut
/// back into rows by anchoring on the template's row labels, which are known in advance (with the
/// variants of TEMPLATE_NOTES.md), searched in template order: each row becomes its label and the
/// run of digits after it (spaces inside the run are dropped: in these pages they are stray, as in
/// 「10 0 0 0 01」 for 1 0 0 0 0 0 1); the mapper splits the run so that the template's identities hold.
/// </summary>
internal static partial class FlattenedTables
{
    /// <summary>How a piece of the line is emitted: a row (label and figures), a header or heading (text), or a group label that may carry figures.</summary>
    internal enum Kind { Row, Header, Group, Review }

    /// <param name="Starts">label starts as printed after the numbering (compared without spaces and quotes)</param>
    /// <param name="Number">the numbering printed before the label ("1", "（一）", "一、"): a digit number glued to the previous row's figures is cut off by it</param>
    /// <param name="Weak">a short label ("其他", "总计") counts only with its numbering before it</param>
    /// <param name="Columns">figures the row prints (表三 7, 表二 3 or 1): an empty row is that many blank cells</param>
    internal sealed record Anchor(string[] Starts, string? Number, Kind Kind, int Columns = 0, bool Weak = false);

    private const int Window = 400;
    private const int MaxLine = 1_000_000;

    private static readonly Anchor[] ActiveAnchors =
    [
        new(["第二十条第（一）项", "第二十条第(一)项", "第二十条 第（一）项"], null, Kind.Header),
        new(["规章"], null, Kind.Row, 3),
        new(["行政规范性文件", "规范性文件"], null, Kind.Row, 3),
        new(["第二十条第（五）项", "第二十条第(五)项", "第二十条 第（五）项"], null, Kind.Header),
        new(["行政许可"], null, Kind.Row, 1),
        new(["其他对外管理服务事项"], null, Kind.Row, 3),
        new(["第二十条第（六）项", "第二十条第(六)项", "第二十条 第（六）项"], null, Kind.Header),
        new(["行政处罚"], null, Kind.Row, 1),
        new(["行政强制"], null, Kind.Row, 1),
        new(["第二十条第（八）项", "第二十条第(八)项", "第二十条 第（八）项"], null, Kind.Header),
        new(["行政事业性收费"], null, Kind.Row, 1),
        new(["第二十条第（九）项", "第二十条第(九)项", "第二十条 第（九）项"], null, Kind.Header),
        new(["政府集中采购"], null, Kind.Row, 2),
    ];

    private static readonly Anchor[] ApplicationAnchors =
    [
        new(["本年新收"], "一", Kind.Row, 7),
        new(["上年结转"], "二", Kind.Row, 7),
        new(["本年度办理结果"], "三", Kind.Group),
        new(["予以公开"], "一", Kind.Row, 7),
        new(["部分公开"], "二", Kind.Row, 7),
        new(["不予公开"], "三", Kind.Group),
        new(["属于国家秘密", "属于国家机密", "国家秘密"], "1", Kind.Row, 7),
        new(["其他法律", "法律行政法规禁止"], "2", Kind.Row, 7),
        new(["危及三安全", "三安全一稳定"], "3", Kind.Row, 7),
        new(["保护第三方", "第三方合法权益"], "4", Kind.Row, 7),
        new(["属于三类内", "三类内部事务"], "5", Kind.Row, 7),
        new(["属于四类", "四类过程性"], "6", Kind.Row, 7),
        new(["属于行政执法", "行政执法案卷"], "7", Kind.Row, 7),
        new(["属于行政查询", "行政查询事项"], "8", Kind.Row, 7),
        new(["无法提供"], "四", Kind.Group),
        new(["本机关不掌握", "不掌握相关政府信息"], "1", Kind.Row, 7),
        new(["没有现成信息", "需要另行制作"], "2", Kind.Row, 7),
        new(["补正后申请内容", "申请内容仍不明确"], "3", Kind.Row, 7),
        new(["不予处理"], "五", Kind.Group),
        new(["信访举报", "投诉类申请"], "1", Kind.Row, 7),
        new(["重复申请"], "2", Kind.Row, 7),
        new(["要求提供公开出版物", "公开出版物"], "3", Kind.Row, 7),
        new(["无正当理由大量", "大量反复申请"], "4", Kind.Row, 7),
        new(["要求行政机关确认", "重新出具已获取信息"], "5", Kind.Row, 7),
        new(["其他处理"], "六", Kind.Group),
        new(["申请人无正当理由逾期", "逾期不补正"], "1", Kind.Row, 7),
        new(["申请人逾期未按收费", "缴纳费用"], "2", Kind.Row, 7),
        new(["其他"], "3", Kind.Row, 7, Weak: true),
        new(["总计", "合计"], "七", Kind.Row, 7, Weak: true),
        new(["结转下年度"], "四", Kind.Row, 7),
    ];

    /// <summary>A piece of an exploded line: a row of cells (text, offset in the decoded text), or text for the ordinary line logic.</summary>
    internal sealed record Piece(List<(string Text, int Offset)>? Cells, string? Text, int Offset);

    /// <summary>
    /// The pieces of a flattened line, or null when the line is not one (it must hold at least five
    /// of 表三's row labels in template order, or 表二's captions and rows with figures).
    /// </summary>
    public static List<Piece>? Explode(string line, int lineOffset)
    {
        // A report is some ten thousand characters; a line of millions is not one report's tables (and
        // its position map would cost memory in proportion): left to the ordinary line logic.
        if (line.Length < 60 || line.Length > MaxLine || !(line.Contains("本年新收", StringComparison.Ordinal) || line.Contains("上年结转", StringComparison.Ordinal) || line.Contains("予以公开", StringComparison.Ordinal) || line.Contains("第二十条", StringComparison.Ordinal) || line.Contains("结果维持", StringComparison.Ordinal)))
        {
            return null;
        }
        // Full-width digits and points read as ASCII, one character for one, so offsets stay the decoded text's.
        line = FoldDigits(line);
        var compact = CompactView.Of(line);
        var marks = new List<(int Start, int KeyEnd, Anchor Anchor)>();
        var activeStart = compact.IndexOf("第二十条", 0);
        // 表三 starts at a 本年新收 (or, without it, 上年结转) that the most of its labels follow: prose may name it before the table.
        var applications = new List<(int Start, int KeyEnd, Anchor Anchor)>();
        for (int from = FirstOf(compact, ["本年新收", "上年结转"], 0), tries = 0; from >= 0 && tries < 6; from = FirstOf(compact, ["本年新收", "上年结转"], from + 1), tries++)
        {
            FindSequence(line, compact, ApplicationAnchors, from, out var sequence);
            if (sequence.Count > applications.Count)
            {
                applications = sequence;
            }
        }
        if (applications.Count < 5)
        {
            applications.Clear();
        }
        var searchActiveUntil = applications.Count > 0 ? applications[0].Start : line.Length;
        var active = new List<(int Start, int KeyEnd, Anchor Anchor)>();
        if (activeStart >= 0)
        {
            // The first 第二十条 caption before 表三 that is followed by its rows.
            FindSequence(line, compact, ActiveAnchors, activeStart, out active);
            active.RemoveAll(m => m.Start >= searchActiveUntil);
            if (active.Count(m => m.Anchor.Kind == Kind.Row) < 2)
            {
                active.Clear();
            }
        }
        if (applications.Count == 0 && active.Count == 0)
        {
            // 表四 alone on its line: its header words, then its figures.
            var alone = compact.IndexOf("行政复议", 0);
            if (alone < 0 || compact.IndexOf("结果维持", alone) < 0 || compact.IndexOf("尚未审结", alone) < 0)
            {
                return null;
            }
        }
        marks.AddRange(active);
        marks.AddRange(applications);
        // 表四: the header after 表三, then its figures.
        var reviewFrom = applications.Count > 0 ? applications[^1].KeyEnd : active.Count > 0 ? active[^1].KeyEnd : 0;
        var review = compact.IndexOf("行政复议", compact.CompactOf(reviewFrom));
        if (review >= 0 && (applications.Count == 0 || compact.OriginalOf(review) - reviewFrom < Window))
        {
            var start = compact.OriginalOf(review);
            var heading = HeadingStart(line, start);
            marks.Add((heading, compact.OriginalOfEnd(review + 4), new Anchor(["行政复议"], null, Kind.Review)));
        }
        if (marks.Count == 0)
        {
            return null;
        }
        marks.Sort((a, b) => a.Start.CompareTo(b.Start));
        var pieces = new List<Piece>();
        var tableStart = marks[0].Start;
        var headingBefore = HeadingStart(line, tableStart);
        ProseSplit(line, 0, headingBefore, lineOffset, pieces);
        if (headingBefore < tableStart)
        {
            pieces.Add(new Piece(null, line[headingBefore..tableStart].Trim(), lineOffset + headingBefore));
        }
        for (var k = 0; k < marks.Count; k++)
        {
            var end = k + 1 < marks.Count ? marks[k + 1].Start : line.Length;
            EmitPiece(line, marks[k].Start, end, marks[k].Anchor, lineOffset, pieces, last: k + 1 == marks.Count);
        }
        return pieces;
    }

    private static string FoldDigits(string line)
    {
        if (!line.Any(c => c is >= '０' and <= '９' or '．'))
        {
            return line;
        }
        return string.Create(line.Length, line, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c == '．' ? '.' : c;
            }
        });
    }

    /// <summary>The compact position of the first of the words at or after <paramref name="from"/>, or -1.</summary>
    private static int FirstOf(CompactView compact, string[] words, int from) =>
        words.Select(w => compact.IndexOf(w, from)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();

    /// <summary>Finds the anchors in template order, each within a window after the one before; a label not found is skipped.</summary>
    private static bool FindSequence(string line, CompactView compact, Anchor[] anchors, int from, out List<(int Start, int KeyEnd, Anchor Anchor)> found)
    {
        found = [];
        if (from < 0)
        {
            return false;
        }
        var cursor = from;
        foreach (var anchor in anchors)
        {
            var limit = found.Count == 0 ? int.MaxValue : compact.CompactOf(compact.OriginalOf(cursor) + Window);
            var best = -1;
            var bestLen = 0;
            foreach (var start in anchor.Starts)
            {
                var key = CompactView.Squeeze(start);
                for (var at = compact.IndexOf(key, cursor); at >= 0 && at < limit; at = compact.IndexOf(key, at + 1))
                {
                    if (anchor.Weak && !NumberedBefore(line, compact.OriginalOf(at), anchor.Number!))
                    {
                        continue;
                    }
                    if (best < 0 || at < best)
                    {
                        best = at;
                        bestLen = key.Length;
                    }
                    break;
                }
            }
            if (best < 0)
            {
                continue;
            }
            var original = compact.OriginalOf(best);
            var labelStart = anchor.Number is null ? original : ExtendOverNumber(line, original, anchor.Number);
            if (found.Count > 0 && labelStart < found[^1].KeyEnd)
            {
                labelStart = original;
            }
            found.Add((labelStart, compact.OriginalOfEnd(best + bestLen - 1), anchor));
            cursor = best + bestLen;
        }
        return found.Count > 0;
    }

    [GeneratedRegex(@"(?:[（(]\s*(?<n>[一二三四五六七八九十]+)\s*[）)]|(?<n>[一二三四五六七八九十]+)\s*[、.．,，])\s*$")]
    private static partial Regex HanNumberingAtEnd();

    /// <summary>Where the label's numbering printed just before <paramref name="start"/> begins ("（三）", "一、", "2."), when it is the template's; else -1.</summary>
    private static int NumberingStart(string line, int start, string number)
    {
        var i = start;
        while (i > 0 && char.IsWhiteSpace(line[i - 1]))
        {
            i--;
        }
        if (char.IsAsciiDigit(number[0]))
        {
            // Exactly the template's number: in 「00000002.其他法律…」 the figures end where 「2.」 begins.
            if (i == 0 || line[i - 1] is not ('.' or '．' or '、' or ',' or '，'))
            {
                return -1;
            }
            var numberStart = i - 1 - number.Length;
            return numberStart >= 0 && string.CompareOrdinal(line, numberStart, number, 0, number.Length) == 0 ? numberStart : -1;
        }
        var from = Math.Max(0, start - 8);
        var m = HanNumberingAtEnd().Match(line[from..start]);
        return m.Success && m.Groups["n"].Value == number ? from + m.Index : -1;
    }

    /// <summary>The label's numbering printed just before it, checked against the template's.</summary>
    private static bool NumberedBefore(string line, int start, string number) => NumberingStart(line, start, number) >= 0;

    /// <summary>
    /// Moves a label's start back over its numbering. A digit numbering (「2.」) is taken only where it
    /// is the template's number of the row, so 「00000002.其他法律…」 is figures 0000000 and label 2.其他法律….
    /// </summary>
    private static int ExtendOverNumber(string line, int start, string number) =>
        NumberingStart(line, start, number) is var n && n >= 0 ? n : start;

    /// <summary>A section heading (「四、政府信息公开行政复议…」) printed just before a table's first label.</summary>
    private static int HeadingStart(string line, int start)
    {
        var from = Math.Max(0, start - 40);
        var window = line[from..start];
        for (var i = 0; i < window.Length - 1; i++)
        {
            if ("二三四".Contains(window[i]) && window[i + 1] is '、' or '.' or '．' && SectionHeadings.SectionOf(line[(from + i)..Math.Min(line.Length, start + 12)].Trim()) is not null)
            {
                return from + i;
            }
        }
        return start;
    }

    [GeneratedRegex(@"[一二三四五六]\s*[、.．]\s*(?:总体情况|主动公开政府信息|收到和处理|行政机关收到和处理|政府信息公开行政复议|因政府信息公开|存在的主要问题|政府信息公开工作存在|存在的问题|其他需要报告)")]
    private static partial Regex SectionStart();

    /// <summary>Prose: cut at the section headings, which become lines of their own.</summary>
    private static void ProseSplit(string line, int from, int to, int lineOffset, List<Piece> pieces)
    {
        if (to <= from)
        {
            return;
        }
        var text = line[from..to];
        var cuts = SectionStart().Matches(text).Select(m => m.Index).Where(i => SectionHeadings.SectionOf(HeadingText(text, i)) is not null).ToList();
        var at = 0;
        foreach (var cut in cuts.Append(text.Length))
        {
            if (cut > at)
            {
                var part = text[at..cut];
                var headingEnd = cuts.Contains(at) ? HeadingText(text, at).Length : 0;
                if (headingEnd > 0)
                {
                    pieces.Add(new Piece(null, part[..headingEnd].Trim(), lineOffset + from + at));
                }
                if (part[headingEnd..].Trim().Length > 0)
                {
                    pieces.Add(new Piece(null, part[headingEnd..].Trim(), lineOffset + from + at + headingEnd));
                }
            }
            at = cut;
        }
    }

    /// <summary>A heading's text: up to the first figure, bracket or sentence punctuation, at most 24 characters.</summary>
    private static string HeadingText(string text, int start)
    {
        // The template's headings end in 情况 / 事项 (五: …改进情况, …改进措施, …工作计划).
        var window = text[start..Math.Min(text.Length, start + 30)];
        var ends = new[] { "情况", "事项", "措施", "计划" }.Select(w => window.IndexOf(w, StringComparison.Ordinal)).Where(i => i > 0).ToList();
        if (ends.Count > 0)
        {
            return text[start..(start + ends.Min() + 2)];
        }
        var end = start + 2;
        while (end < text.Length && end - start < 24 && !char.IsAsciiDigit(text[end]) && "（(，。：；".IndexOf(text[end]) < 0)
        {
            end++;
        }
        return text[start..end];
    }

    /// <summary>One anchored piece: label, the run of figures after it, and what follows (text of its own).</summary>
    private static void EmitPiece(string line, int start, int end, Anchor anchor, int lineOffset, List<Piece> pieces, bool last)
    {
        var piece = line[start..end];
        if (anchor.Kind == Kind.Header)
        {
            var firstDigit = FirstFigure(piece);
            if (firstDigit < 0)
            {
                pieces.Add(new Piece(null, piece.Trim(), lineOffset + start));
                return;
            }
        }
        if (anchor.Kind == Kind.Review)
        {
            var sectionEnd = piece.IndexOf("情况", StringComparison.Ordinal);
            var headingEnd = piece.StartsWith('四') && sectionEnd > 0 && sectionEnd < 40 ? sectionEnd + 2 : 0;
            if (headingEnd > 0)
            {
                pieces.Add(new Piece(null, piece[..headingEnd].Trim(), lineOffset + start));
            }
            piece = piece[headingEnd..];
            start += headingEnd;
        }
        var figureStart = FirstFigure(piece);
        if (figureStart < 0)
        {
            var label = piece.Trim();
            if (anchor.Kind == Kind.Row && anchor.Columns > 0 && !last)
            {
                // A row printed empty: its label followed at once by the next row's.
                var cells = new List<(string, int)> { (label, lineOffset + start) };
                cells.AddRange(Enumerable.Repeat(("", lineOffset + end), anchor.Columns));
                pieces.Add(new Piece(cells, null, lineOffset + start));
            }
            else
            {
                AddText(line, start, end, lineOffset, pieces);
            }
            return;
        }
        var figureEnd = FigureRunEnd(piece, figureStart);
        var labelText = piece[..figureStart].Trim();
        var digits = new string(piece[figureStart..figureEnd].Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (anchor.Kind == Kind.Review)
        {
            // The header cells run together stay one label: the figures follow them in template order.
        }
        pieces.Add(new Piece([(labelText, lineOffset + start), (digits, lineOffset + start + figureStart)], null, lineOffset + start));
        AddText(line, start + figureEnd, end, lineOffset, pieces);
    }

    private static void AddText(string line, int from, int to, int lineOffset, List<Piece> pieces)
    {
        if (line[from..to].Trim().Length == 0)
        {
            return;
        }
        ProseSplit(line, from, to, lineOffset, pieces);
    }

    /// <summary>The first ASCII digit that starts a figure (not a numbering such as 「1.」 before a label).</summary>
    private static int FirstFigure(string piece)
    {
        for (var i = 0; i < piece.Length; i++)
        {
            if (!char.IsAsciiDigit(piece[i]))
            {
                continue;
            }
            var j = i;
            while (j < piece.Length && char.IsAsciiDigit(piece[j]))
            {
                j++;
            }
            if (j < piece.Length && piece[j] is '.' or '．' or '、' && (j + 1 >= piece.Length || !char.IsAsciiDigit(piece[j + 1])))
            {
                i = j;
                continue;
            }
            return i;
        }
        return -1;
    }

    /// <summary>The end of a run of figures: digits, spaces, and a decimal point or comma between digits.</summary>
    private static int FigureRunEnd(string piece, int start)
    {
        var i = start;
        var lastDigit = start;
        while (i < piece.Length)
        {
            var c = piece[i];
            if (char.IsAsciiDigit(c))
            {
                lastDigit = i;
            }
            else if (!(char.IsWhiteSpace(c) || (c is '.' or ',' && i + 1 < piece.Length && char.IsAsciiDigit(piece[i + 1]) && char.IsAsciiDigit(piece[i - 1]))))
            {
                break;
            }
            i++;
        }
        return lastDigit + 1;
    }

    /// <summary>The line without spaces and quotes, with each character's position in the line.</summary>
    private sealed class CompactView
    {
        private readonly string _text;
        private readonly int[] _positions;
        private readonly int _length;

        private CompactView(string text, int[] positions, int length)
        {
            _text = text;
            _positions = positions;
            _length = length;
        }

        public static CompactView Of(string line)
        {
            var sb = new System.Text.StringBuilder(line.Length);
            var positions = new List<int>(line.Length);
            for (var i = 0; i < line.Length; i++)
            {
                if (Skipped(line[i]))
                {
                    continue;
                }
                sb.Append(Fold(line[i]));
                positions.Add(i);
            }
            return new CompactView(sb.ToString(), [.. positions], line.Length);
        }

        public static string Squeeze(string text) => new(text.Where(c => !Skipped(c)).Select(Fold).ToArray());

        private static bool Skipped(char c) => char.IsWhiteSpace(c) || c is '"' or '“' or '”' or '‘' or '’' or '\'' or '「' or '」';

        private static char Fold(char c) => c switch { '(' => '（', ')' => '）', _ => c };

        public int IndexOf(string key, int from) => from > _text.Length ? -1 : _text.IndexOf(key, Math.Max(0, from), StringComparison.Ordinal);

        public int OriginalOf(int compactIndex) => compactIndex < _positions.Length ? _positions[compactIndex] : _length;

        public int OriginalOfEnd(int compactIndexOfLast) => compactIndexOfLast < _positions.Length ? _positions[compactIndexOfLast] + 1 : _length;

        public int CompactOf(int original)
        {
            var i = Array.BinarySearch(_positions, original);
            return i >= 0 ? i : ~i;
        }
    }
}
