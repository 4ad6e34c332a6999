namespace Kring.Balance;

/// <summary>
/// The five questions a collaboration keeps asking itself (after Kaats et al., as used in Stein), put as statements
/// that partners rate from 1 (not at all) to 5 (fully). The wording is Kring's own.
/// </summary>
public static class NetworkQuestions
{
    public const int Min = 1;
    public const int Max = 5;

    public static IReadOnlyList<Question> Questions { get; } =
    [
        new("ambitie", "We weten waar we samen naartoe werken.", Min, Max),
        new("belangen", "Ieders belang is bekend en telt mee.", Min, Max),
        new("mensenwerk", "We kennen elkaar en weten elkaar te vinden.", Min, Max),
        new("facilitering", "Er is genoeg tijd, geld en ondersteuning voor de samenwerking.", Min, Max),
        new("koers", "We zijn nog op de goede weg.", Min, Max),
    ];

    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyDictionary<string, int>? answers) =>
        Questionnaire.Validate(Questions, answers);

    /// <summary>The quarter a rating belongs to, such as "2027-K1", by the calendar in Amsterdam.</summary>
    public static string Quarter(DateTimeOffset at)
    {
        var local = Amsterdam.ToLocal(at);
        return $"{local.Year}-K{(local.Month - 1) / 3 + 1}";
    }

    /// <summary>The average per question and overall, per quarter, oldest first: the trend the village contact watches.</summary>
    public static IReadOnlyList<(string Quarter, int Ratings, IReadOnlyDictionary<string, double> Averages, double Overall)> Trend(
        IEnumerable<NetworkRating> ratings) =>
        ratings
            .GroupBy(r => Quarter(r.At))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(),
                (IReadOnlyDictionary<string, double>)Questions.ToDictionary(q => q.Id, q => Math.Round(g.Average(r => r.Answers[q.Id]), 1)),
                Math.Round(g.Average(r => r.Answers.Values.Average()), 1)))
            .ToList();
}
