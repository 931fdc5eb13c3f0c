// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using CsCertificate.Common;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Keeps one ACME account per directory URL in the data folder: acme/&lt;hash&gt;/account.json (the directory
/// and the account URL) and account.key (the P-256 key), both readable by their owner only, in an owner-only folder.
/// </summary>
internal sealed class AcmeAccountStore
{
    private readonly string _folder;

    public AcmeAccountStore(string dataFolder, Uri directoryUrl)
    {
        using var sha = SHA256.Create();
        string id = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(directoryUrl.AbsoluteUri))).Replace("-", string.Empty).Substring(0, 16).ToLowerInvariant();
        _folder = Path.Combine(dataFolder, "acme", id);
        DirectoryUrl = directoryUrl;
    }

    public Uri DirectoryUrl { get; }

    public string KeyPath => Path.Combine(_folder, "account.key");

    private string AccountPath => Path.Combine(_folder, "account.json");

    /// <summary>Loads the account key, or creates and saves one.</summary>
    public AcmeAccountKey LoadOrCreateKey()
    {
        if (File.Exists(KeyPath))
        {
            return AcmeAccountKey.FromPkcs8Pem(SharedFile.ReadAllText(KeyPath));
        }

        EnsureFolder();
        AcmeAccountKey key = AcmeAccountKey.Create();
        AtomicFile.Write(KeyPath, Encoding.ASCII.GetBytes(key.ToPkcs8Pem()), ownerOnly: true);
        return key;
    }

    /// <summary>Gets the account URL (the JWS kid) registered with this key, or null before registration.</summary>
    public string? LoadAccountUrl()
    {
        if (!File.Exists(AccountPath))
        {
            return null;
        }

        try
        {
            return DataContractJson.Deserialize<AcmeAccountRecord>(SharedFile.ReadAllBytes(AccountPath)).AccountUrl;
        }
        catch (SerializationException)
        {
            return null; // registering again with the same key gives back the same account
        }
    }

    public void SaveAccountUrl(string accountUrl)
    {
        EnsureFolder();
        var record = new AcmeAccountRecord { Directory = DirectoryUrl.AbsoluteUri, AccountUrl = accountUrl, Created = DateTime.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture) };
        AtomicFile.Write(AccountPath, DataContractJson.Serialize(record), ownerOnly: true);
    }

    private void EnsureFolder()
    {
        if (!Directory.Exists(_folder))
        {
            FilePermissions.CreateOwnerOnlyFolder(Path.GetDirectoryName(_folder)!);
            FilePermissions.CreateOwnerOnlyFolder(_folder);
        }
    }
}
