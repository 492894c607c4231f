using Extractor.Results;
using Spectre.Console;

namespace Extractor.Cli.Commands;

/// <summary>extractor parse: documents to result JSON; a document that cannot be read is named on stderr.</summary>
public static class ParseCommand
{
    public static int Run(CliOptions options)
    {
        if (options.Inputs.Count == 0)
        {
            throw new CliUsageException("parse needs at least one file or folder");
        }
        var files = Expand(options.Inputs, out var notFound);
        foreach (var missing in notFound)
        {
            Console.Error.WriteLine($"{missing}: no such file or folder");
        }
        var outDir = options.Get("--out");
        if (outDir is null && files.Count > 1)
        {
            throw new CliUsageException("several documents need --out DIR");
        }
        var extractor = new DocumentExtractor(options.ExtractorOptions());
        var failed = notFound.Select(f => (File: f, Reason: "no such file or folder")).ToList();
        void One(string file)
        {
            var result = extractor.ExtractFile(file);
            if (result.Status == "failed")
            {
                failed.Add((file, result.Error ?? "could not be read"));
                Progress.Error($"{file}: {result.Error}");
            }
            var json = ResultJson.Serialize(result);
            if (outDir is null)
            {
                Console.Out.WriteLine(json);
                return;
            }
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, Path.GetFileName(file) + ".json"), json + "\n");
        }
        Progress.ForEach(files, "parsing", One);
        if (outDir is not null && !options.Has("--quiet"))
        {
            Console.Error.WriteLine($"{files.Count - (failed.Count - notFound.Count)} of {files.Count} document(s) read; results in {outDir}");
        }
        if (files.Count + notFound.Count > 1)
        {
            Progress.FailedSummary(failed, files.Count + notFound.Count);
        }
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>Files as given, folders by their documents (truth files and notes left out).</summary>
    public static List<string> Expand(IEnumerable<string> inputs, out List<string> notFound)
    {
        notFound = [];
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                files.Add(input);
            }
            else if (Directory.Exists(input))
            {
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(p => !p.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !p.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                        && !p.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(p).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                notFound.Add(input);
            }
        }
        return files;
    }
}
