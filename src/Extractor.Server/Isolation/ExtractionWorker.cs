using System.Text.Json;
using Extractor.Results;

namespace Extractor.Server.Isolation;

/// <summary>One request to a worker: read <c>Input</c> (the file's bytes) as <c>Name</c>, write the result JSON to <c>Output</c>.</summary>
internal sealed record WorkerRequest(string Input, string Name, string Output);

/// <summary>
/// The child side: <c>Extractor.Server --extract-worker</c>. Loads the engine once, says <see cref="Ready"/>,
/// then takes one request per line on stdin and answers <see cref="Done"/> on stdout when the result file is
/// written. Nothing else is written to stdout. A crash here (a stack overflow in a library, the heap limit)
/// ends this process only; the server sees the pipe close and counts a death against the document.
/// </summary>
public static class ExtractionWorker
{
    public const string Argument = "--extract-worker";
    public const string Ready = "@extractor-worker-ready";
    public const string Done = "@extractor-worker-done";

    public static async Task<int> RunAsync(string[] args)
    {
        double? threshold = null;
        long maxBytes = new ExtractorOptions().MaxBytes;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--threshold" && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var t))
            {
                threshold = t;
            }
            if (args[i] == "--max-bytes" && long.TryParse(args[i + 1], out var m))
            {
                maxBytes = m;
            }
        }
        var stdout = Console.Out;
        // Libraries must not write into the protocol: anything they print goes to stderr (the server logs it).
        Console.SetOut(Console.Error);
        var extractor = new DocumentExtractor(new ExtractorOptions
        {
            OkThreshold = threshold,
            MaxBytes = maxBytes,
            // Technical detail goes to stderr, which the server logs; the document gets a plain reason.
            OnException = (name, ex) => Console.Error.WriteLine($"worker: {name}: {ex.GetType().Name}: {ex.Message}"),
        });
        _ = extractor.Model; // load the model before the first document, so its time is not charged to a document
        await stdout.WriteLineAsync(Ready);
        await stdout.FlushAsync();
        var stdin = Console.In;
        while (await stdin.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var request = JsonSerializer.Deserialize<WorkerRequest>(line)!;
            ExtractionResult result;
            try
            {
                var bytes = await File.ReadAllBytesAsync(request.Input);
                result = extractor.Extract(bytes, request.Name);
            }
            catch (Exception ex)
            {
                await Console.Error.WriteLineAsync($"worker: extraction threw {ex}");
                result = new ExtractionResult
                {
                    Status = "failed",
                    Error = Jobs.FailureMessages.ExtractorFailed,
                    Document = new DocumentInfo { FileName = request.Name, Sha256 = "" },
                };
            }
            await File.WriteAllTextAsync(request.Output, ResultJson.Serialize(result));
            await stdout.WriteLineAsync(Done);
            await stdout.FlushAsync();
        }
        return 0;
    }
}
