// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using CsCertificate.Resources;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// Sends RFC 2136 dynamic updates to one server, signed with TSIG (RFC 8945) when a key is given, and checks the
/// answer: its response code, its TSIG error, and its signature.
/// </summary>
internal sealed class DnsUpdateClient
{
    private readonly IPEndPoint _server;
    private readonly TsigKey? _key;
    private readonly TimeSpan _timeout;
    private readonly Func<DateTime> _utcNow;

    public DnsUpdateClient(IPEndPoint server, TsigKey? key, TimeSpan timeout, Func<DateTime> utcNow)
    {
        _server = server;
        _key = key;
        _timeout = timeout;
        _utcNow = utcNow;
    }

    /// <summary>Sends one UPDATE of a zone with these changes (RFC 2136 §2.5: class IN adds, class NONE deletes one record).</summary>
    /// <exception cref="DnsUpdateException">The server refused or failed the update, or its answer's signature does not verify.</exception>
    /// <exception cref="DnsException">The server did not answer, or not with DNS.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    public void Send(string zone, IEnumerable<DnsRecord> changes, CancellationToken cancel)
    {
        DnsMessage update = DnsMessage.Update(DnsQueryId.Next(), zone);
        update.Authority.AddRange(changes);
        byte[] request = update.ToWire();
        byte[] requestMac = Array.Empty<byte>();
        if (_key != null)
        {
            request = Tsig.Sign(request, _key, Tsig.ToTimeSigned(_utcNow()), out requestMac);
        }

        byte[] wire = DnsTransport.Exchange(_server, request, _timeout, cancel);
        DnsMessage answer;
        TsigRecord? tsig;
        try
        {
            answer = DnsMessage.Parse(wire);
            tsig = TsigRecord.Find(answer, wire);
        }
        catch (FormatException ex)
        {
            throw new DnsException(Messages.Format(Strings.DnsAnswerUnreadable, _server, ex.Message), ex);
        }

        DnsResponseCode tsigError = tsig?.Error ?? DnsResponseCode.NoError;
        if (answer.ResponseCode != DnsResponseCode.NoError || tsigError != DnsResponseCode.NoError)
        {
            throw new DnsUpdateException(Describe(answer.ResponseCode, tsigError), answer.ResponseCode, tsigError, signatureInvalid: false);
        }

        if (_key != null && (tsig == null || !Tsig.Verify(wire, tsig, _key, requestMac)))
        {
            // A NOERROR that is not the server's word is not a success: the update may not have happened.
            throw new DnsUpdateException(Strings.DnsAnswerSignatureInvalid, answer.ResponseCode, tsigError, signatureInvalid: true);
        }
    }

    private static string Describe(DnsResponseCode code, DnsResponseCode tsigError) =>
        tsigError == DnsResponseCode.NoError ? code.ToString().ToUpperInvariant() : code.ToString().ToUpperInvariant() + " (" + tsigError.ToString().ToUpperInvariant() + ")";
}
