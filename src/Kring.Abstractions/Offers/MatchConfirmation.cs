namespace Kring;

[GenerateSerializer, Alias("kring.MatchConfirmation")]
public enum MatchConfirmation
{
    Confirmed = 0,
    TakenByOther = 1,
    RequestClosed = 2,
    NotFound = 3,
}
