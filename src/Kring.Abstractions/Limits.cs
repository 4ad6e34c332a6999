namespace Kring;

/// <summary>
/// A grain refused a write because a limit was reached (open requests per circle, check-ins per day). The web answers
/// 409 with <see cref="Title"/> and the message as the ProblemDetails' title and detail; both are Dutch, for the user.
/// </summary>
[GenerateSerializer, Alias("kring.LimitReachedException")]
public sealed class LimitReachedException : Exception
{
    public LimitReachedException(string title, string detail) : base(detail) => Title = title;

    [Id(0)] public string Title { get; private set; }
}
