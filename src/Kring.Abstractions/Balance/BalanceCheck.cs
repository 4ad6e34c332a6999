namespace Kring.Balance;

public sealed record Question(string Id, string Text, int Min, int Max);

public static class Questionnaire
{
    /// <summary>The error for each answer that is missing, unknown or out of range; empty when the answers are complete.</summary>
    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyList<Question> questions, IReadOnlyDictionary<string, int>? answers)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        answers ??= new Dictionary<string, int>();
        foreach (var question in questions)
        {
            if (!answers.TryGetValue(question.Id, out var value)) errors[question.Id] = "Beantwoord deze vraag.";
            else if (value < question.Min || value > question.Max)
            {
                errors[question.Id] = $"Kies een antwoord van {question.Min} tot en met {question.Max}.";
            }
        }
        foreach (var unknown in answers.Keys.Where(k => questions.All(q => q.Id != k))) errors[unknown] = "Deze vraag bestaat niet.";
        return errors;
    }
}

/// <summary>
/// Kring's own short balance check-in (not a copy of any published instrument): five questions in plain Dutch,
/// each answered from 1 (light) to 5 (heavy), scored 0–100.
/// </summary>
public static class BalanceCheck
{
    public const int Min = 1;
    public const int Max = 5;
    public const int AttentionFrom = 40;
    public const int OverloadedFrom = 70;
    /// <summary>A rise of this many points since the previous check-in is a signal too.</summary>
    public const int RisingBy = 20;

    public static IReadOnlyList<Question> Questions { get; } =
    [
        new("zwaarte", "Hoe zwaar voelt het zorgen voor uw naaste op dit moment?", Min, Max),
        new("eigen-tijd", "Hoe vaak kwam u de afgelopen weken niet toe aan dingen voor uzelf?", Min, Max),
        new("moe", "Hoe moe bent u overdag?", Min, Max),
        new("zorgen", "Hoe vaak maakt u zich zorgen over hoe het verder moet?", Min, Max),
        new("steun", "Hoe weinig hulp krijgt u van familie, vrienden of buren?", Min, Max),
    ];

    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyDictionary<string, int>? answers) =>
        Questionnaire.Validate(Questions, answers);

    public static int Score(IReadOnlyDictionary<string, int> answers)
    {
        var sum = Questions.Sum(q => answers[q.Id]);
        var lowest = Questions.Count * Min;
        var highest = Questions.Count * Max;
        return (int)Math.Round(100.0 * (sum - lowest) / (highest - lowest));
    }

    public static BalanceLevel Level(int score) =>
        score >= OverloadedFrom ? BalanceLevel.Overloaded : score >= AttentionFrom ? BalanceLevel.Attention : BalanceLevel.Good;

    /// <summary>Why the consultant should look at this carer now, or null when there is no reason.</summary>
    public static string? SignalReason(CheckIn latest, CheckIn? previous)
    {
        if (latest.Level == BalanceLevel.Overloaded) return $"Overbelast: score {latest.Score} van 100.";
        if (previous is not null && latest.Score - previous.Score >= RisingBy)
        {
            return $"Stijgende belasting: van {previous.Score} naar {latest.Score}.";
        }
        return null;
    }
}
