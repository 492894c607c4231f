namespace Extractor.Readers.Ocr;

/// <summary>
/// Finds how far a scanned page is tilted: the angle at which the ink's horizontal projection
/// profile is sharpest (text lines and table rules then fall into few rows). Searched on a
/// quarter-size sample, which is plenty for tilts of a few degrees.
/// </summary>
public static class Deskew
{
    public static double EstimateDegrees(GrayImage image, int threshold, double maxDegrees = 3, double step = 0.05)
    {
        const int Scale = 4;
        var points = new List<(double X, double Y)>();
        double cx = image.Width / 2.0, cy = image.Height / 2.0;
        for (var y = 0; y < image.Height; y += Scale)
        {
            for (var x = 0; x < image.Width; x += Scale)
            {
                if (image[x, y] < threshold)
                {
                    points.Add(((x - cx) / Scale, (y - cy) / Scale));
                }
            }
        }
        if (points.Count < 100)
        {
            return 0;
        }
        var size = (int)(Math.Sqrt(image.Width * image.Width + image.Height * image.Height) / Scale) + 4;
        var histogram = new int[size];
        double bestScore = -1, bestAngle = 0;
        for (var deg = -maxDegrees; deg <= maxDegrees + 1e-9; deg += step)
        {
            var a = deg * Math.PI / 180;
            double sin = Math.Sin(a), cos = Math.Cos(a);
            Array.Clear(histogram);
            foreach (var (x, y) in points)
            {
                var row = (int)(-x * sin + y * cos) + size / 2;
                if ((uint)row < (uint)size)
                {
                    histogram[row]++;
                }
            }
            double score = 0;
            foreach (var h in histogram)
            {
                score += (double)h * h;
            }
            if (score > bestScore)
            {
                bestScore = score;
                bestAngle = deg;
            }
        }
        return Math.Round(bestAngle, 2);
    }
}
