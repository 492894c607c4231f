namespace Extractor.Mapping.Rules;

/// <summary>String similarity for labels: Dice over character bigrams (robust to one dropped or swapped character).</summary>
public static class LabelSimilarity
{
    public static double Dice(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        if (a == b)
        {
            return 1;
        }
        if (a.Length == 1 || b.Length == 1)
        {
            return a.Contains(b[0]) || b.Contains(a[0]) ? 2.0 / (a.Length + b.Length) : 0;
        }
        var bigrams = new Dictionary<(char, char), int>();
        for (var i = 0; i < a.Length - 1; i++)
        {
            var key = (a[i], a[i + 1]);
            bigrams[key] = bigrams.GetValueOrDefault(key) + 1;
        }
        var shared = 0;
        for (var i = 0; i < b.Length - 1; i++)
        {
            var key = (b[i], b[i + 1]);
            if (bigrams.TryGetValue(key, out var n) && n > 0)
            {
                shared++;
                bigrams[key] = n - 1;
            }
        }
        return 2.0 * shared / (a.Length - 1 + b.Length - 1);
    }
}
