using System.Text;
using System.Text.RegularExpressions;

namespace Extractor.Readers.Pdf;

/// <summary>
/// Looks at a PDF's objects on the raw bytes, before PdfPig recurses through them: the depth of the page tree
/// (a /Pages node holding a /Pages node … 100,000 deep overflows the stack), loops in it, and chains of indirect
/// references (an object that is only a reference to another, 5,000 long). Only objects written out plainly are
/// seen (not those packed in compressed object streams); the worker process contains what slips through.
/// </summary>
public static partial class PdfStructureGuard
{
    /// <summary>Real page trees are a few levels deep (PDF writers balance them); 64 is far beyond any.</summary>
    public const int MaxPageTreeDepth = 64;

    public const int MaxReferenceChain = 32;

    [GeneratedRegex(@"(?<![0-9])(\d{1,9})\s+(\d{1,5})\s+obj\b")]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"^\s*(\d{1,9})\s+\d{1,5}\s+R\s*$")]
    private static partial Regex OnlyReference();

    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")]
    private static partial Regex Kids();

    [GeneratedRegex(@"(\d{1,9})\s+\d{1,5}\s+R")]
    private static partial Regex Reference();

    public static void Check(byte[] content)
    {
        if (!InputGuards.Enabled)
        {
            return;
        }
        var text = Encoding.Latin1.GetString(content);
        var bodies = new Dictionary<int, string>();
        foreach (Match m in ObjectHeader().Matches(text))
        {
            var start = m.Index + m.Length;
            var end = text.IndexOf("endobj", start, StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }
            var streamAt = text.IndexOf("stream", start, end - start, StringComparison.Ordinal);
            var body = text[start..(streamAt >= 0 ? streamAt : end)];
            if (int.TryParse(m.Groups[1].ValueSpan, out var id))
            {
                bodies[id] = body; // a later revision of an object replaces the earlier one
            }
        }
        var next = new Dictionary<int, int>();
        var kids = new Dictionary<int, List<int>>();
        foreach (var (id, body) in bodies)
        {
            if (OnlyReference().Match(body) is { Success: true } only && int.TryParse(only.Groups[1].ValueSpan, out var to))
            {
                next[id] = to;
            }
            else if (body.Contains("/Kids", StringComparison.Ordinal) && Kids().Match(body) is { Success: true } k)
            {
                kids[id] = Reference().Matches(k.Groups[1].Value).Select(r => int.Parse(r.Groups[1].ValueSpan)).ToList();
            }
        }
        CheckChains(next);
        CheckPageTree(kids, next);
    }

    private static void CheckChains(Dictionary<int, int> next)
    {
        var length = new Dictionary<int, int>();
        foreach (var start in next.Keys)
        {
            var path = new List<int>();
            var seen = new HashSet<int>();
            var at = start;
            var tail = 0;
            while (next.TryGetValue(at, out var to))
            {
                if (length.TryGetValue(at, out var known))
                {
                    tail = known;
                    break;
                }
                if (!seen.Add(at))
                {
                    throw new DocumentReadException("damaged: the PDF's objects refer to each other in a loop");
                }
                path.Add(at);
                at = to;
            }
            for (var i = path.Count - 1; i >= 0; i--)
            {
                length[path[i]] = ++tail;
            }
            if (tail > MaxReferenceChain)
            {
                throw new DocumentReadException($"too complex: the PDF has a chain of more than {MaxReferenceChain} references from one object to the next");
            }
        }
    }

    /// <summary>The height of the /Kids graph, computed without recursion.</summary>
    private static void CheckPageTree(Dictionary<int, List<int>> kids, Dictionary<int, int> next)
    {
        int Resolve(int id)
        {
            for (var hops = 0; next.TryGetValue(id, out var to) && hops <= MaxReferenceChain; hops++)
            {
                id = to;
            }
            return id;
        }
        var height = new Dictionary<int, int>();
        var onPath = new HashSet<int>();
        foreach (var root in kids.Keys)
        {
            if (height.ContainsKey(root))
            {
                continue;
            }
            var stack = new Stack<(int Id, int Child)>();
            stack.Push((root, 0));
            onPath.Add(root);
            while (stack.Count > 0)
            {
                var (id, child) = stack.Pop();
                var children = kids[id];
                if (child < children.Count)
                {
                    stack.Push((id, child + 1));
                    var kid = Resolve(children[child]);
                    if (onPath.Contains(kid))
                    {
                        throw new DocumentReadException("damaged: the PDF's page tree loops back on itself");
                    }
                    if (kids.ContainsKey(kid) && !height.ContainsKey(kid))
                    {
                        onPath.Add(kid);
                        stack.Push((kid, 0));
                        if (stack.Count > MaxPageTreeDepth)
                        {
                            throw new DocumentReadException($"too complex: the PDF's page tree is nested more than {MaxPageTreeDepth} levels deep");
                        }
                    }
                    continue;
                }
                var h = 1 + children.Select(Resolve).Select(c => height.TryGetValue(c, out var ch) ? ch : 0).DefaultIfEmpty(0).Max();
                height[id] = h;
                onPath.Remove(id);
                if (h > MaxPageTreeDepth)
                {
                    throw new DocumentReadException($"too complex: the PDF's page tree is nested more than {MaxPageTreeDepth} levels deep");
                }
            }
        }
    }
}
