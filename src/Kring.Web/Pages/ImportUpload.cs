using Kring.Web.Import;
using Kring.Web.Input;

namespace Kring.Web.Pages;

/// <summary>
/// The file on the import pages: read whole from the upload, then carried base64-encoded in a hidden field from the
/// preview to the import button, so importing needs no second upload and the server keeps nothing in between (the next
/// request may reach another web node).
/// </summary>
public static class ImportUpload
{
    /// <summary>The largest form, and field, the import pages take: a file of the largest size, base64-encoded, with room.</summary>
    public const int MaxFormBytes = Api.ImportApi.MaxRequestBytes;
    /// <summary>As for every form (see WebSecurity).</summary>
    public const int MaxFields = 200;

    /// <summary>The uploaded file, or null with the reason in <paramref name="errors"/>.</summary>
    public static async Task<byte[]?> Read(IFormFile? upload, FieldErrors errors)
    {
        if (upload is null || upload.Length == 0)
        {
            errors.Add("bestand", "Kies een CSV-bestand.");
            return null;
        }
        if (upload.Length > CsvImport.MaxBytes)
        {
            errors.Add("bestand", $"Het bestand is groter dan {CsvImport.MaxBytes / 1024 / 1024} MB; splits het in delen.");
            return null;
        }
        using var file = new MemoryStream();
        await upload.CopyToAsync(file);
        return file.ToArray();
    }

    /// <summary>The file the preview carried, or null with the reason in <paramref name="errors"/>.</summary>
    public static byte[]? Carried(string? carried, FieldErrors errors)
    {
        var file = new byte[(carried?.Length ?? 0) * 3 / 4];
        if (!string.IsNullOrEmpty(carried) && Convert.TryFromBase64String(carried, file, out var length)) return file[..length];
        errors.Add("bestand", "Kies het bestand opnieuw en bekijk het eerst.");
        return null;
    }

    public static string Carry(byte[] file) => Convert.ToBase64String(file);
}
