using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Hosting;

/// <summary>
/// Encrypts the data-protection keys at rest with an X.509 certificate. The keys sign staff sign-in and antiforgery
/// cookies and live in the database, so without this anyone holding a copy of the database (a backup) could forge a
/// staff cookie. <c>Portal:DataProtection:Certificate</c> names a PKCS#12 (.pfx) file with its private key
/// (<c>CertificatePassword</c>); every node needs the same file. <c>PreviousCertificates:N:Path</c> /
/// <c>:Password</c> keep keys written under an earlier certificate readable after it is replaced.
/// </summary>
internal static class KeyProtection
{
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection("Portal:DataProtection");
        if (section["Certificate"] is not { Length: > 0 } path)
        {
            return builder;
        }
        var current = Load("Portal:DataProtection:Certificate", path, section["CertificatePassword"]);
        var previous = section.GetSection("PreviousCertificates").GetChildren()
            .Select(c => Load($"Portal:DataProtection:PreviousCertificates:{c.Key}", c["Path"] ?? "", c["Password"]));
        // Decryption is given the certificates directly: on Linux there is no certificate store it could look them up in.
        return builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 Load(string setting, string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting}: the certificate file '{path}' does not exist.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{setting}: '{path}' could not be read as a PKCS#12 (.pfx) file with the password given ({e.Message}).", e);
        }
        using var key = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
        if (key is null)
        {
            throw new InvalidOperationException($"{setting}: '{path}' holds no RSA private key; the keys could be encrypted with it but never read back.");
        }
        return certificate;
    }
}
