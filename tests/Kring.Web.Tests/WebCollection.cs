using Kring.Testing;

namespace Kring.Web.Tests;

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<SharedApp>
{
    public const string Name = "web";
}

/// <summary>
/// A second shared application, so that these tests run beside those of <see cref="WebCollection"/> instead of after
/// them: one application's tests run one at a time, and the other core would wait.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SecondWebCollection : ICollectionFixture<SharedApp>
{
    public const string Name = "web-2";
}
