using Kring.Testing;

namespace Kring.Web.Tests;

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<SharedApp>
{
    public const string Name = "web";
}
