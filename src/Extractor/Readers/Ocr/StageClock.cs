using System.Diagnostics;

namespace Extractor.Readers.Ocr;

/// <summary>Wall time per stage of a page's OCR, summed over laps: a lap ends one stage and starts the next.</summary>
internal sealed class StageClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public Dictionary<string, double> Ms { get; } = new(StringComparer.Ordinal);

    /// <summary>Charges the time since the previous lap to <paramref name="stage"/>.</summary>
    public void Lap(string stage)
    {
        Ms[stage] = Ms.GetValueOrDefault(stage) + _clock.Elapsed.TotalMilliseconds;
        _clock.Restart();
    }

    /// <summary>Starts the next stage without charging the time since the previous lap to any (it was spent waiting).</summary>
    public void Skip() => _clock.Restart();

    public void CopyTo(Dictionary<string, double> target)
    {
        foreach (var (stage, ms) in Ms)
        {
            target[stage] = Math.Round(target.GetValueOrDefault(stage) + ms, 2);
        }
    }
}
