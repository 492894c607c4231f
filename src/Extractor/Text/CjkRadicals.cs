using System.Text;

namespace Extractor.Text;

/// <summary>
/// Chromium/Skia Type 3 fonts and many government PDFs map ordinary ideographs to Kangxi radicals
/// (工 → ⼯ U+2F2F) or CJK radical supplement forms (民 → ⺠ U+2EA0) in their ToUnicode maps
/// (PITFALLS.md). This repairs those code points and nothing else, so that full-width punctuation
/// and digits stay as printed.
/// </summary>
public static class CjkRadicals
{
    // NFKC folds the Kangxi block (U+2F00–U+2FD5) but leaves most of U+2E80–U+2EFF alone:
    // these are the supplement forms that stand for a whole simplified or traditional character.
    private static readonly Dictionary<char, char> RadicalSupplement = new()
    {
        ['\u2E8C'] = '小', ['\u2E8D'] = '小', ['\u2E95'] = '彐', ['\u2E97'] = '心', ['\u2E9D'] = '月',
        ['\u2E9F'] = '母', ['\u2EA0'] = '民', ['\u2EA4'] = '爪', ['\u2EA6'] = '丬', ['\u2EA8'] = '犬',
        ['\u2EAB'] = '目', ['\u2EAE'] = '竹', ['\u2EB3'] = '网', ['\u2EB6'] = '羊', ['\u2EB7'] = '羊',
        ['\u2EB9'] = '老', ['\u2EBC'] = '肉', ['\u2EBE'] = '艹', ['\u2EC1'] = '虎', ['\u2EC2'] = '衣',
        ['\u2EC4'] = '西', ['\u2EC5'] = '见', ['\u2EC6'] = '角', ['\u2EC8'] = '讠', ['\u2EC9'] = '贝',
        ['\u2ECA'] = '足', ['\u2ECB'] = '车', ['\u2ECD'] = '辶', ['\u2ED0'] = '钅', ['\u2ED1'] = '长',
        ['\u2ED2'] = '長', ['\u2ED3'] = '长', ['\u2ED4'] = '门', ['\u2ED7'] = '雨', ['\u2ED8'] = '青',
        ['\u2EDA'] = '页', ['\u2EDB'] = '风', ['\u2EDC'] = '飞', ['\u2EDD'] = '食', ['\u2EE0'] = '饣',
        ['\u2EE2'] = '马', ['\u2EE3'] = '骨', ['\u2EE4'] = '鬼', ['\u2EE5'] = '鱼', ['\u2EE6'] = '鸟',
        ['\u2EE8'] = '麦', ['\u2EE9'] = '黄', ['\u2EEB'] = '齐', ['\u2EEC'] = '齐', ['\u2EEE'] = '齿',
        ['\u2EA5'] = '爫', ['\u2EA7'] = '牛', ['\u2EAA'] = '疋', ['\u2EBB'] = '聿', ['\u2EC0'] = '衤',
        ['\u2ECC'] = '辶', ['\u2EEA'] = '黾', ['\u2EED'] = '歯', ['\u2EEF'] = '竜', ['\u2ECF'] = '阝', ['\u2ED6'] = '阝', ['\u2E99'] = '攵',
        ['\u2EF0'] = '龙', ['\u2EF2'] = '龟', ['\u2EF3'] = '龟',
    };

    /// <summary>
    /// Repairs radical and compatibility code points. Only those blocks go through NFKC, so
    /// full-width punctuation and digits stay as printed.
    /// </summary>
    public static string Repair(string text)
    {
        var needs = false;
        foreach (var ch in text)
        {
            if (NeedsRepair(ch))
            {
                needs = true;
                break;
            }
        }
        if (!needs)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (RadicalSupplement.TryGetValue(ch, out var mapped))
            {
                sb.Append(mapped);
            }
            else if (NeedsRepair(ch))
            {
                sb.Append(ch.ToString().Normalize(NormalizationForm.FormKC));
            }
            else
            {
                sb.Append(ch);
            }
        }
        return sb.ToString();
    }

    private static bool NeedsRepair(char ch) =>
        ch is >= '\u2E80' and <= '\u2FDF' // CJK radicals supplement, Kangxi radicals
            or >= '\uF900' and <= '\uFAFF' // CJK compatibility ideographs
            or '\u2329' or '\u232A'; // angle brackets that stand for 〈 〉

}
