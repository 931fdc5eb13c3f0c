// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using CsCertificate.Common;
using CsCertificate.DnsProtocol;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.DnsProtocol;

public sealed class TsigKeyFileTests
{
    private const string Secret = "q+1N2erNe1vnl6kewqJ/rXWEx6FnYVKAmoZkgy3SoI8=";

    [Fact]
    public void ReadsWhatTsigKeygenWrites()
    {
        TsigKey key = TsigKeyFile.Parse("key \"cscert-test\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + Secret + "\";\n};\n");

        Assert.Equal("cscert-test", key.Name);
        Assert.Equal("hmac-sha256", key.Algorithm);
    }

    [Fact]
    public void ReadsWhatDdnsConfgenWritesAroundTheKey()
    {
        string text = string.Join("\n",
            "# To activate this key, place the following in named.conf, and",
            "# in a separate keyfile on the system or systems from which nsupdate",
            "# will be run:",
            "key \"ddns-key.fabrikam.com\" {",
            "\talgorithm hmac-sha512;",
            "\tsecret \"qess1lyt9rJIt7Be42G8K01gjjgru2L7GWyjKvbq6SAfMpm0S57z0zY+DO51+OWrl2cti7YpOs1ZAL+Z6rM62w==\";",
            "};",
            string.Empty,
            "# Then, in the \"zone\" statement for each zone you wish to dynamically",
            "update-policy {",
            "\tgrant ddns-key.fabrikam.com zonesub ANY;",
            "};",
            "// After the keyfile has been placed, the following command will",
            "/* a block comment with key \"not-this\" { } */",
            "nsupdate -k <keyfile>");

        TsigKey key = TsigKeyFile.Parse(text);

        Assert.Equal("ddns-key.fabrikam.com", key.Name);
        Assert.Equal("hmac-sha512", key.Algorithm);
    }

    [Theory]
    [InlineData("", "no key statement")]
    [InlineData("key \"a\" { algorithm hmac-sha256; secret \"" + Secret + "\"; };\nkey \"b\" { algorithm hmac-sha256; secret \"" + Secret + "\"; };", "2 key statements")]
    [InlineData("key \"a\" { secret \"" + Secret + "\"; };", "names no algorithm")]
    [InlineData("key \"a\" { algorithm hmac-sha224; secret \"" + Secret + "\"; };", "uses hmac-sha224")]
    [InlineData("key \"a\" { algorithm hmac-sha256; };", "has no secret")]
    [InlineData("key \"a\" { algorithm hmac-sha256; secret \"not base64 at all!\"; };", "not base64")]
    [InlineData("key \"a\" { algorithm hmac-sha256; secret \"" + Secret + "\" };", "BIND's syntax")]
    [InlineData("key \"a\" { algorithm hmac-sha256; secret \"" + Secret, "BIND's syntax")]
    public void RefusesFilesWithoutOneUsableKeyAndNeverQuotesTheSecret(string text, string reason)
    {
        FormatException error = Assert.Throws<FormatException>(() => TsigKeyFile.Parse(text));

        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("q+1N2erNe1vnl6kew", error.Message);
        Assert.DoesNotContain("not base64 at all", error.Message);
    }

    [Fact]
    public void NamesTheFileWhenItIsMissingOrHoldsNoKey()
    {
        using var folder = new TempFolder();
        string missing = Path.Combine(folder.Path, "missing.key");
        Assert.Equal(ErrorIds.DnsKeyFileNotFound, Assert.Throws<CsCertificateException>(() => TsigKeyFile.Read(missing)).ErrorId);

        string bad = Path.Combine(folder.Path, "bad.key");
        File.WriteAllText(bad, "key \"a\" { algorithm hmac-sha256; secret \"%%" + Secret + "\"; };");
        CsCertificateException error = Assert.Throws<CsCertificateException>(() => TsigKeyFile.Read(bad));
        Assert.Equal(ErrorIds.DnsKeyInvalid, error.ErrorId);
        Assert.Contains(bad, error.Message);
        Assert.DoesNotContain(Secret.Substring(0, 12), error.Message);

        Assert.Equal(ErrorIds.DnsKeyInvalid, Assert.Throws<CsCertificateException>(() => TsigKeyFile.Read(folder.Path)).ErrorId);
    }
}
