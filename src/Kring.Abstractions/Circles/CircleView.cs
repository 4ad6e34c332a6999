namespace Kring;

[GenerateSerializer, Alias("kring.CircleView")]
public sealed record CircleView(
    [property: Id(0)] CircleProfile Profile,
    [property: Id(1)] IReadOnlyList<string> Helpers,
    [property: Id(2)] IReadOnlyList<HelpRequestView> Requests,
    /// <summary>The carer's own people: family, neighbours, friends.</summary>
    [property: Id(3)] IReadOnlyList<CircleMember>? Members = null,
    /// <summary>Professionals the consultant linked to the circle, with the carer's consent or waiting for it.</summary>
    [property: Id(4)] IReadOnlyList<ProfessionalLink>? Professionals = null,
    /// <summary>The carer agreed that the village's key figures (*sleutelfiguren*) see them and log contacts with them.</summary>
    [property: Id(5)] bool VisibleToKeyFigures = false);
