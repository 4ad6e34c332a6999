namespace Kring;

[GenerateSerializer, Alias("kring.AcknowledgeOutcome")]
public enum AcknowledgeOutcome
{
    Done = 0,
    /// <summary>No open event with that id (never there, or acknowledged already).</summary>
    NotFound = 1,
    /// <summary>The operator who created the account cannot acknowledge it, nor can the new account itself.</summary>
    ByCreator = 2,
}
