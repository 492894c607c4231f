using System.Text.RegularExpressions;
using Extractor.Results;
using Extractor.Text;

namespace Extractor.Validation;

/// <summary>
/// A section's prose normalised character by character (full-width digits and punctuation folded, spaces
/// dropped) with a map back to the printed text, so that a match can be cited as a <see cref="Passage"/>
/// of <c>sections[section]</c> as printed.
/// </summary>
internal sealed class ProseText
{
    public string Section { get; }
    public string Raw { get; }
    public string Text { get; }
    private readonly int[] _map;

    public ProseText(string section, string raw)
    {
        Section = section;
        Raw = raw;
        var sb = new System.Text.StringBuilder(raw.Length);
        var map = new List<int>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var n = TextNormalizer.Normalize(raw[i].ToString());
            foreach (var c in n)
            {
                if (!char.IsWhiteSpace(c))
                {
                    sb.Append(c);
                    map.Add(i);
                }
            }
        }
        Text = sb.ToString();
        _map = [.. map];
    }

    /// <summary>The printed passage of a match in <see cref="Text"/>.</summary>
    public Passage Passage(int index, int length)
    {
        var start = _map[index];
        var end = _map[Math.Min(index + Math.Max(length, 1), _map.Length) - 1] + 1;
        return new Passage { Section = Section, Offset = start, Length = end - start, Text = Raw[start..end] };
    }

    public Passage Passage(Match m) => Passage(m.Index, m.Length);

    /// <summary>The sentence (between 。；! ? or line ends) around a match, as a passage.</summary>
    public Passage Sentence(Match m)
    {
        var start = m.Index;
        while (start > 0 && "。；;!?！？\n".IndexOf(Text[start - 1]) < 0)
        {
            start--;
        }
        var end = m.Index + m.Length;
        while (end < Text.Length && "。；;!?！？\n".IndexOf(Text[end]) < 0)
        {
            end++;
        }
        return Passage(start, Math.Min(end + 1, Text.Length) - start);
    }
}
