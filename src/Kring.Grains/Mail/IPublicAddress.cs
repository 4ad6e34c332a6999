namespace Kring.Grains.Mail;

/// <summary>Where people reach the web front end: the base of every link in a mail (Kring:PublicUrl).</summary>
public interface IPublicAddress
{
    Uri Base { get; }
}
