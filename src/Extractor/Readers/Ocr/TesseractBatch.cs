using System.Diagnostics;

namespace Extractor.Readers.Ocr;

/// <summary>Recognises images with one Tesseract setting: the words of each image, in its pixels.</summary>
internal delegate Task<List<List<OcrWord>>> Recognizer(IReadOnlyList<GrayImage> images, string language, int pageSegmentationMode, int dpi, string? whitelist);

/// <summary>Runs Tesseract once over images with one setting, as <see cref="Tesseract.RecognizeMany"/> does.</summary>
internal delegate List<List<OcrWord>> TesseractRun(IReadOnlyList<GrayImage> images, string language, int pageSegmentationMode, int dpi, string? whitelist, CancellationToken cancellationToken);

/// <summary>
/// Lets several pages share Tesseract runs. Each page's reading is an async flow that asks the
/// batch for its recognitions (<see cref="Recognizer"/>) instead of starting Tesseract itself; when
/// every flow is waiting, the batch starts one run per setting (language, psm, resolution,
/// whitelist) over all the images asked for, hands each flow its words and lets the flows go on.
/// A run costs 0.15–0.2 s of start-up (the library and the language data) whatever it reads, as
/// much as a page's figures. The flows run one at a time on the caller's thread (they await
/// nothing but the batch), so they need no locking; Tesseract's own runs are what take the time.
/// </summary>
internal sealed class TesseractBatch
{
    private readonly List<Request> _pending = [];
    private readonly TesseractRun _run;

    private TesseractBatch(TesseractRun run)
    {
        _run = run;
    }

    /// <summary>
    /// Runs <paramref name="flows"/> to the end, sharing their Tesseract runs; a flow's task is
    /// faulted with its own exception, or with a failed run's exception for every flow that asked
    /// that run for something. <paramref name="timings"/>: each flow's dictionary, where the time of
    /// a run is charged in equal shares to the flows it served (stage "tesseract.language").
    /// <paramref name="run"/> stands in for Tesseract in tests.
    /// </summary>
    public static List<Task<T>> Run<T>(IReadOnlyList<Func<Recognizer, Task<T>>> flows, IReadOnlyList<Dictionary<string, double>> timings, CancellationToken cancellationToken, TesseractRun? run = null)
    {
        var batch = new TesseractBatch(run ?? Tesseract.RecognizeMany);
        var pump = new Pump();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(pump);
        try
        {
            var tasks = flows.Select((flow, i) => Start(flow, batch.For(timings[i]))).ToList();
            while (true)
            {
                pump.RunAll();
                if (batch._pending.Count == 0)
                {
                    break;
                }
                var requests = batch._pending.ToList();
                batch._pending.Clear();
                foreach (var group in requests.GroupBy(r => r.Setting))
                {
                    batch.Serve(group.Key, group.ToList(), cancellationToken);
                }
            }
            if (tasks.Any(t => !t.IsCompleted))
            {
                throw new InvalidOperationException("an OCR flow awaited something other than its Tesseract batch");
            }
            return tasks;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static Task<T> Start<T>(Func<Recognizer, Task<T>> flow, Recognizer recognizer)
    {
        try
        {
            return flow(recognizer);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    private Recognizer For(Dictionary<string, double> timings) => (images, language, psm, dpi, whitelist) =>
    {
        if (images.Count == 0)
        {
            return Task.FromResult(new List<List<OcrWord>>());
        }
        var request = new Request(images, new Setting(language, psm, dpi, whitelist), timings, new TaskCompletionSource<List<List<OcrWord>>>());
        _pending.Add(request);
        return request.Done.Task;
    };

    private void Serve(Setting setting, List<Request> requests, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        List<List<OcrWord>> read;
        try
        {
            read = _run(requests.SelectMany(r => r.Images).ToList(), setting.Language, setting.Psm, setting.Dpi, setting.Whitelist, cancellationToken);
        }
        catch (Exception ex)
        {
            foreach (var request in requests)
            {
                request.Done.SetException(ex);
            }
            return;
        }
        var share = clock.Elapsed.TotalMilliseconds / requests.Count;
        var stage = "tesseract." + setting.Language;
        var offset = 0;
        foreach (var request in requests)
        {
            request.Timings[stage] = request.Timings.GetValueOrDefault(stage) + share;
            request.Done.SetResult(read.GetRange(offset, request.Images.Count));
            offset += request.Images.Count;
        }
    }

    private readonly record struct Setting(string Language, int Psm, int Dpi, string? Whitelist);

    private sealed record Request(IReadOnlyList<GrayImage> Images, Setting Setting, Dictionary<string, double> Timings, TaskCompletionSource<List<List<OcrWord>>> Done);

    /// <summary>Runs the flows' continuations on the batch's thread, in the order they were posted.</summary>
    private sealed class Pump : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_queue)
            {
                _queue.Enqueue((d, state));
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("OCR flows only post");

        public void RunAll()
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) next;
                lock (_queue)
                {
                    if (!_queue.TryDequeue(out next))
                    {
                        return;
                    }
                }
                next.Callback(next.State);
            }
        }
    }
}
