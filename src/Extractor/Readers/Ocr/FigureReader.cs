using System.Text.RegularExpressions;
using Extractor.Text;

namespace Extractor.Readers.Ocr;

/// <summary>
/// Reads the figures of a page's grids with a digits-only recogniser: the cells' ink crops are
/// stacked one per line into strip images with white gaps and read in one Tesseract run (psm 6,
/// whitelist 0-9 / - . ,), not one run per cell. The figure cells the strips read badly or with little
/// confidence are read again, each alone as a single line (psm 7), all of them in one more run
/// (both runs shared with the other pages of a <see cref="TesseractBatch"/>).
/// Confidence: both recognisers (the chi_sim cell read and this one) agreeing on the digits > one
/// clean digits read > anything else.
/// </summary>
internal static partial class FigureReader
{
    /// <summary>
    /// Digits, blank marks and both separators: without the comma a thousands separator came out as
    /// the nearest character allowed, a point (27,516 read 27.516, a count read as a fraction).
    /// </summary>
    private const string Whitelist = "0123456789/-.,";
    private const int BatchSize = 70;

    /// <summary>A strip's figure read with less confidence than this (0–100) is read again alone.</summary>
    private const double Unsure = 70;

    [GeneratedRegex(@"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial Regex Digits();

    /// <summary>A point before groups of three digits (27.516): as often a thousands comma misread as a point as a decimal.</summary>
    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex PointBeforeThousands();

    /// <summary>Certainty of a figure that may be a misread thousands separator: below sure, so never ok (ocr_unsure).</summary>
    private const double SeparatorDoubt = 0.6;

    /// <summary>
    /// The digits strips' reading of every crop of one short line, by cell index (crops read as
    /// nothing are left out). A figure is no taller than a line of text (a fifth of an inch) nor
    /// wider than an inch; taller or wider crops are labels (long ones in a strip made the short
    /// ones beside them lose digits: 21 came out 1), and the odd figure among them is read alone.
    /// </summary>
    public static async Task<Dictionary<int, (string Text, double Confidence)>> ReadStripsAsync(IEnumerable<CellInk?> inks, int dpi, Recognizer recognize)
    {
        var crops = inks.OfType<CellInk>().Where(c => c.Image.Height <= dpi / 5 && c.Image.Width <= dpi).ToList();
        var words = await CellStrips.ReadAsync(crops, BatchSize, Math.Max(10, dpi / 15), null, "eng", 6, dpi, Whitelist, recognize);
        return words.ToDictionary(r => r.Key, r => Joined(r.Value));
    }

    /// <summary>True when <paramref name="text"/> is a clean figure (digits, maybe thousands commas and a decimal part).</summary>
    public static bool IsFigure(string? text) => text is not null && Digits().IsMatch(text);

    /// <summary>
    /// Figures by cell index, for the cells whose chi_sim reading (<paramref name="texts"/>) may be
    /// a figure; <paramref name="inks"/> holds each cell's ink (null: empty cell),
    /// <paramref name="strips"/> what <see cref="ReadStripsAsync"/> made of it.
    /// </summary>
    public static async Task<Dictionary<int, (string Text, double Confidence)>> ReadAsync(IReadOnlyList<CellInk?> inks, IReadOnlyList<string> texts, IReadOnlyDictionary<int, (string Text, double Confidence)> strips, int dpi, Recognizer recognize)
    {
        var result = new Dictionary<int, (string, double)>();
        var crops = new List<CellInk>();
        for (var i = 0; i < inks.Count; i++)
        {
            if (!IsFigureCandidate(texts[i]))
            {
                continue;
            }
            if (inks[i] is not { } ink)
            {
                result[i] = ("", 0.95);
                continue;
            }
            crops.Add(ink);
        }
        var reads = crops.Where(c => strips.ContainsKey(c.Index)).ToDictionary(c => c.Index, c => strips[c.Index]);
        // The strip misread, dropped or hardly read these (a clean 31 on a strip's last line came out 1,
        // confidence 0): read each alone as a single line. Where both reads are clean figures and
        // differ, the one the chi_sim reading agrees with wins (11 read 1 in the strip, 11 alone and
        // by chi_sim), else the more confident.
        var again = crops.Where(c => !reads.TryGetValue(c.Index, out var r) || (!IsFigure(r.Text) && !BothBlank(r.Text, texts[c.Index])) || r.Confidence < Unsure).ToList();
        var confirmed = new HashSet<int>();
        foreach (var (index, words) in await CellStrips.ReadEachAsync(again, dpi / 10, "eng", 7, dpi, Whitelist, recognize))
        {
            var single = Joined(words);
            if (!reads.TryGetValue(index, out var strip) || !IsFigure(strip.Text) || Prefer(single, strip, Compact(texts[index])))
            {
                reads[index] = single;
            }
            else if (single.Text == strip.Text)
            {
                confirmed.Add(index);
            }
        }
        foreach (var crop in crops)
        {
            var read = reads.TryGetValue(crop.Index, out var r) ? r : ("", 0);
            if (Decide(read, texts[crop.Index], confirmed.Contains(crop.Index)) is { } decided)
            {
                result[crop.Index] = PointBeforeThousands().IsMatch(decided.Item1) ? (decided.Item1, Math.Min(decided.Item2, SeparatorDoubt)) : decided;
            }
        }
        return result;
    }

    /// <summary>True when the single read <paramref name="single"/> is to replace the strip's clean figure <paramref name="strip"/>.</summary>
    private static bool Prefer((string Text, double Confidence) single, (string Text, double Confidence) strip, string cellText) =>
        IsFigure(single.Text) && single.Text != strip.Text
        && (single.Text == cellText || (strip.Text != cellText && single.Confidence > strip.Confidence));

    /// <summary>The strip read a blank mark (/ or -) and chi_sim a blank mark too: nothing to read again.</summary>
    private static bool BothBlank(string read, string cellText)
    {
        var other = Compact(cellText);
        return read.Length > 0 && read.Trim('/', '-').Length == 0 && other.Length > 0 && Mapping.CellValueParser.Parse(other).IsBlank;
    }

    private static string Compact(string text) => TextNormalizer.Normalize(text).Replace(" ", "", StringComparison.Ordinal);

    private static (string Text, double Confidence) Joined(List<OcrWord> words) =>
        (string.Concat(words.OrderBy(w => w.X0).Select(w => w.Text)), words.Min(w => w.Confidence));

    /// <summary>
    /// A cell that may hold a figure: no Chinese, or one character (无, or a digit misread as 一),
    /// or digits with one stray Chinese character (a 4 read alone came out as 人 4).
    /// </summary>
    private static bool IsFigureCandidate(string text)
    {
        var compact = Compact(text);
        return !TextNormalizer.HasHan(compact) || compact.Length == 1 || (compact.Count(TextNormalizer.IsHan) == 1 && compact.Any(char.IsAsciiDigit));
    }

    /// <summary>
    /// The cell's figure from the digits read and the chi_sim reading (<paramref name="cellText"/>);
    /// <paramref name="confirmed"/>: the strip's read and the read alone agreed.
    /// </summary>
    private static (string, double)? Decide((string Text, double Confidence) read, string cellText, bool confirmed)
    {
        var other = Compact(cellText);
        var blankMark = other.Length > 0 && Mapping.CellValueParser.Parse(other).IsBlank;
        if (Digits().IsMatch(read.Text))
        {
            if (blankMark && read.Text.Length == 1 && read.Text is "1" or "7")
            {
                // "/" and "—" come out of a digits-only recogniser as 1 or 7; the chi_sim reading says blank.
                return (other, 0.5);
            }
            if (other == read.Text)
            {
                return (read.Text, 0.9);
            }
            if (read.Confidence < 60 && !confirmed && IsFigure(other))
            {
                // The digits recogniser hardly knew (119 read 19, confidence 35, and alone not the same), chi_sim read a figure: its word, for review.
                return (other, 0.4);
            }
            return (read.Text, read.Confidence >= 85 ? 0.85 : read.Confidence >= 60 ? 0.6 : 0.4);
        }
        if (read.Text.Length == 0 && IsFigure(other))
        {
            // The digits recogniser read nothing at all (alone or in the strip), chi_sim a figure: its word, for review.
            return (other, 0.6);
        }
        if (read.Text.Trim('/', '-').Length == 0)
        {
            // Both read a blank mark: a blank. The digits recogniser alone: a thin 1 comes out of it as
            // "/" too (a 110 dpi screenshot: 1 read "/" and, in the same row, 1 read 2, which balanced
            // the row and made a wrong 0 look confirmed). chi_sim's figure, for review; else unsure.
            return blankMark ? (other, 0.85) : IsFigure(other) ? (other, 0.4) : ("/", 0.5);
        }
        if (TextNormalizer.HasHan(other))
        {
            return null;
        }
        return (read.Text, 0.3);
    }
}
