namespace Extractor.Validation;

/// <summary>
/// A fitted calibration: logistic weights over a field's evidence (<see cref="FieldEvidence"/>) and
/// the ok threshold chosen on the labelled documents. Stored in the label model's manifest.
/// </summary>
public sealed class CalibrationParameters
{
    public double[] Weights { get; set; } = [];
    public double Threshold { get; set; } = 0.9;
    public int Samples { get; set; }
}
