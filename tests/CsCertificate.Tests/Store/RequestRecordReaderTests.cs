// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Store;
using Xunit;

namespace CsCertificate.Tests.Store;

/// <summary>
/// The fast reader of stored records must read what the store writes exactly as DataContractJsonSerializer does,
/// and decline everything else (the store then uses the serializer).
/// </summary>
public sealed class RequestRecordReaderTests
{
    [Fact]
    public void ReadsEveryMemberOfAFullRecordAsTheSerializerDoes()
    {
        RequestRecord full = Full();
        byte[] json = DataContractJson.Serialize(full);

        Assert.True(RequestRecordReader.TryRead(json, out RequestRecord? fast));

        AssertSame(DataContractJson.Deserialize<RequestRecord>(json), fast!);
        AssertSame(full, fast!);
    }

    [Fact]
    public void ReadsARecordWithoutItsOptionalMembers()
    {
        var record = new RequestRecord { RequestId = 7, Status = RequestStatus.Offline, CertificateUses = new[] { "Default" }, AlternativeNames = new string[0] };
        byte[] json = DataContractJson.Serialize(record);

        Assert.True(RequestRecordReader.TryRead(json, out RequestRecord? fast));

        AssertSame(DataContractJson.Deserialize<RequestRecord>(json), fast!);
        Assert.Null(fast!.KeyFile);
        Assert.Empty(fast.AlternativeNames);
    }

    [Fact]
    public void ReadsARecordOfAnEarlierVersionWithoutTheMembersARenewalReplays()
    {
        // As 0.1.0-preview1 wrote an Issued request: none of the members added for Update-CsCertificate.
        const string Json = "{\"schemaVersion\":1,\"requestId\":3,\"status\":\"Issued\",\"certificateUses\":[\"Default\"],\"subjectName\":\"pool.contoso.com\","
            + "\"subject\":\"CN=pool.contoso.com\",\"alternativeNames\":[\"pool.contoso.com\"],\"computerFqdn\":\"fe1.contoso.com\",\"poolFqdn\":\"pool.contoso.com\","
            + "\"role\":\"FrontEnd\",\"friendlyName\":\"pool\",\"ca\":\"https:\\/\\/acme.contoso.com\\/directory\",\"keyAlgorithm\":\"RSA\",\"keySize\":2048,\"clientEku\":false,"
            + "\"privateKeyExportable\":false,\"requestTime\":\"2026-01-01T00:00:00.0000000Z\",\"csr\":\"x\",\"publicKeySha256\":\"00\",\"thumbprint\":\"AB\","
            + "\"notBefore\":\"2026-01-01T00:00:00.0000000Z\",\"notAfter\":\"2026-04-01T00:00:00.0000000Z\"}";
        byte[] bytes = Encoding.UTF8.GetBytes(Json);

        Assert.True(RequestRecordReader.TryRead(bytes, out RequestRecord? fast));

        AssertSame(DataContractJson.Deserialize<RequestRecord>(bytes), fast!);
        Assert.Equal(0, fast!.Renews);
        Assert.Equal(0, fast.RenewedBy);
        Assert.Null(fast.TopologyPaths);
        Assert.Null(fast.GivenFriendlyName);
        Assert.False(fast.AllSipDomain);
    }

    [Theory]
    [InlineData("{\"requestId\":1}")] // members the store always writes are missing
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"schemaVersion\":1,\"schemaVersion\":1}")]
    public void DeclinesWhatIsNotAStoredRecord(string json)
    {
        Assert.False(RequestRecordReader.TryRead(Encoding.UTF8.GetBytes(json), out _));
    }

    [Theory]
    [InlineData("\"requestId\": 7,", "\"requestId\": 7.0,")]
    [InlineData("\"requestId\": 7,", "\"requestId\": 1e1,")]
    [InlineData("\"requestId\": 7,", "\"requestId\": 07,")]
    [InlineData("\"requestId\": 7,", "\"requestId\": \"7\",")]
    [InlineData("\"requestId\": 7,", "\"requestId\": 99999999999,")]
    [InlineData("\"clientEku\": false,", "\"clientEku\": 0,")]
    [InlineData("\"status\": \"Offline\",", "\"status\": \"Off\\u0001line\",")]
    [InlineData("\"status\": \"Offline\",", "\"status\": \"Off\\ud83dline\",")]
    [InlineData("\"status\": \"Offline\",", "\"status\": \"Off\\bline\",")]
    [InlineData("\"status\": \"Offline\",", "\"status\": {\"a\": 1},")]
    [InlineData("\"status\": \"Offline\",", "\"status\": \"Offline\", \"extra\": 1,")]
    [InlineData("\"status\": \"Offline\",", "\"__type\": \"RequestRecord\", \"status\": \"Offline\",")]
    [InlineData("\"certificateUses\": [", "\"certificateUses\": null, \"x\": [")]
    [InlineData("{", "\uFEFF{")] // the serializer refuses a byte order mark
    public void DeclinesWhatItCannotReadExactlyLikeTheSerializer(string find, string replace)
    {
        string json = Encoding.UTF8.GetString(DataContractJson.Serialize(Sample()));
        Assert.Contains(find, json);

        Assert.False(RequestRecordReader.TryRead(Encoding.UTF8.GetBytes(json.Replace(find, replace)), out _));
    }

    [Theory]
    [InlineData("\"status\": \"Offline\",", "\"status\": null,")]
    [InlineData("\"status\": \"Offline\",", "\"status\": \"Off\\/line \\\"quoted\\\" \\\\ \\u00e9\\t\",")]
    [InlineData("\"status\": \"Offline\",", "\"status\": \"Offlinë 😀\",")]
    [InlineData("\"requestId\": 7,", "\"requestId\": -7,")]
    [InlineData("\"requestId\": 7,", "\"requestId\"  :\t7 ,")]
    public void ReadsWhatItAcceptsExactlyLikeTheSerializer(string find, string replace)
    {
        string json = Encoding.UTF8.GetString(DataContractJson.Serialize(Sample()));
        Assert.Contains(find, json);
        byte[] bytes = Encoding.UTF8.GetBytes(ReplaceFirst(json, find, replace));

        Assert.True(RequestRecordReader.TryRead(bytes, out RequestRecord? fast));

        AssertSame(DataContractJson.Deserialize<RequestRecord>(bytes), fast!);
    }

    [Fact]
    public void DeclinesInvalidUtf8()
    {
        byte[] json = DataContractJson.Serialize(Sample());
        int at = Encoding.UTF8.GetString(json).IndexOf("Offline", StringComparison.Ordinal);
        json[at] = 0xC3; // a lead byte followed by an ASCII letter

        Assert.False(RequestRecordReader.TryRead(json, out _));
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return text.Substring(0, at) + replace + text.Substring(at + find.Length);
    }

    private static void AssertSame(RequestRecord expected, RequestRecord actual)
    {
        foreach (PropertyInfo property in typeof(RequestRecord).GetProperties().Where(p => p.GetCustomAttribute<DataMemberAttribute>() != null))
        {
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)) || Same(property.GetValue(expected), property.GetValue(actual)), property.Name);
        }
    }

    private static bool Same(object? a, object? b) => a is string[] x && b is string[] y && x.SequenceEqual(y);

    private static RequestRecord Sample() => new RequestRecord
    {
        RequestId = 7,
        Status = RequestStatus.Offline,
        CertificateUses = new[] { "Default", "WebServicesInternal" },
        SubjectName = "pool.contoso.com",
        Subject = "CN=pool.contoso.com",
        AlternativeNames = new[] { "pool.contoso.com", "meet.contoso.com" },
        FriendlyName = "pool",
        KeyAlgorithm = "RSA",
        KeySize = 2048,
        RequestTime = "2026-11-26T12:00:00.0000000Z",
        Csr = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
        PublicKeySha256 = "00",
        KeyFile = "000007.key",
    };

    /// <summary>A record with every member set, each to a different value, with characters JSON must escape.</summary>
    private static RequestRecord Full()
    {
        var record = new RequestRecord { ClientEku = true, PrivateKeyExportable = true, AllSipDomain = true, RequestId = 123456, KeySize = 4096, Renews = 123, RenewedBy = 123457, SchemaVersion = 1 };
        int n = 0;
        foreach (PropertyInfo property in typeof(RequestRecord).GetProperties().Where(p => p.GetCustomAttribute<DataMemberAttribute>() != null))
        {
            n++;
            if (property.PropertyType == typeof(string))
            {
                property.SetValue(record, $"{property.Name} \"{n}\" / \\ é 😀\n\r\t");
            }
            else if (property.PropertyType == typeof(string[]))
            {
                property.SetValue(record, new[] { property.Name, "b/" + n, string.Empty });
            }
        }

        return record;
    }
}
