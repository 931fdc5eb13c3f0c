// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Text;
using CsCertificate.Tests.TestInfrastructure;

namespace CsCertificate.Tests.Certificates;

/// <summary>
/// A CA, a leaf it signed and every file shape built from them by the real openssl command line, made once for
/// all the reader tests.
/// </summary>
public sealed class CertificateResponseSamples : IDisposable
{
    /// <summary>The eContentType of a CMC PKIResponse (RFC 5272, id-cct-PKIResponse).</summary>
    public const string CmcPkiResponseOid = "1.3.6.1.5.5.7.12.3";

    /// <summary>More certificates than the reader accepts in one response.</summary>
    public const int ManyCertificateCount = 101;

    private readonly TempFolder _temp = new TempFolder();

    public CertificateResponseSamples()
    {
        // A config of our own keeps the output independent of the distribution's openssl.cnf.
        string config = _temp.Write("openssl.cnf", "[req]\ndistinguished_name = dn\n[dn]\n");
        string caKey = _temp.File("ca.key");
        string caPem = _temp.File("ca.pem");
        OpenSsl.Run(
            "req", "-x509", "-config", config, "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", caKey, "-out", caPem, "-subj", "/CN=CsCertificate Test Root CA", "-days", "30",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");

        string leafKey = _temp.File("leaf.key");
        string csr = _temp.File("leaf.csr");
        OpenSsl.Run(
            "req", "-new", "-config", config, "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", leafKey, "-out", csr, "-subj", "/CN=pool.contoso.com");
        string extensions = _temp.Write("leaf.ext", "subjectAltName=DNS:pool.contoso.com,DNS:meet.contoso.com\nextendedKeyUsage=serverAuth\n");
        string leafPem = _temp.File("leaf.pem");
        OpenSsl.Run(
            "x509", "-req", "-in", csr, "-CA", caPem, "-CAkey", caKey, "-set_serial", "4660", "-days", "30",
            "-extfile", extensions, "-out", leafPem);

        LeafDer = Der("x509", leafPem);
        CaDer = Der("x509", caPem);
        LeafPem = File.ReadAllText(leafPem);
        CaPem = File.ReadAllText(caPem);
        string chain = _temp.Write("chain.pem", LeafPem + CaPem);

        P7bDer = Output("p7b.der", "crl2pkcs7", "-nocrl", "-certfile", chain, "-outform", "DER");
        P7bPem = Encoding.ASCII.GetString(Output("p7b.pem", "crl2pkcs7", "-nocrl", "-certfile", chain, "-outform", "PEM"));

        string data = _temp.Write("data.txt", "CsCertificate signed content");
        CmsSignedDer = Output("cms.der", "cms", "-sign", "-in", data, "-signer", leafPem, "-inkey", leafKey, "-certfile", caPem, "-outform", "DER", "-nodetach");
        CmsStreamedDer = Output("cms-stream.der", "cms", "-sign", "-in", data, "-signer", leafPem, "-inkey", leafKey, "-certfile", caPem, "-outform", "DER", "-nodetach", "-stream");
        CmsWithoutCertificates = Output("cms-nocerts.der", "cms", "-sign", "-in", data, "-signer", leafPem, "-inkey", leafKey, "-nocerts", "-outform", "DER", "-nodetach");

        // PKIResponse ::= SEQUENCE { controlSequence, cmsSequence, otherMsgSequence }, all three empty.
        string pkiResponse = _temp.Write("pkiresponse.der", new byte[] { 0x30, 0x06, 0x30, 0x00, 0x30, 0x00, 0x30, 0x00 });
        CmcResponseDer = Output(
            "cmc.der", "cms", "-sign", "-in", pkiResponse, "-binary", "-econtent_type", CmcPkiResponseOid,
            "-signer", leafPem, "-inkey", leafKey, "-certfile", caPem, "-outform", "DER", "-nodetach");
        DataContentInfoDer = Output("data.der", "cms", "-data_create", "-in", data, "-outform", "DER");

        Pfx = Output("leaf.pfx", "pkcs12", "-export", "-in", leafPem, "-inkey", leafKey, "-certfile", caPem, "-passout", "pass:x");

        CsrPem = File.ReadAllText(csr);
        CsrDer = Output("leaf.csr.der", "req", "-in", csr, "-outform", "DER");
        PrivateKeyPem = File.ReadAllText(leafKey);
        PrivateKeyDer = Output("leaf.key.der", "pkey", "-in", leafKey, "-outform", "DER");
        EcPrivateKeyPem = Encoding.ASCII.GetString(Output("leaf.ec.pem", "ec", "-in", leafKey));
        EcPrivateKeyDer = Output("leaf.ec.der", "ec", "-in", leafKey, "-outform", "DER");
        PublicKeyPem = Encoding.ASCII.GetString(Output("leaf.pub.pem", "pkey", "-in", leafKey, "-pubout"));
        TrustedCaPem = Encoding.ASCII.GetString(Output("ca.trusted.pem", "x509", "-in", caPem, "-addtrust", "serverAuth", "-trustout"));
        LeafText = Encoding.ASCII.GetString(Output("leaf.txt", "x509", "-in", leafPem, "-text"));

        string many = _temp.Write("many.pem", string.Concat(Enumerable.Repeat(LeafPem, ManyCertificateCount)));
        ManyCertificatesP7b = Output("many.p7b", "crl2pkcs7", "-nocrl", "-certfile", many, "-outform", "DER");
    }

    /// <summary>Gets the leaf certificate as openssl encodes it in DER.</summary>
    public byte[] LeafDer { get; }

    /// <summary>Gets the self-signed CA certificate as openssl encodes it in DER.</summary>
    public byte[] CaDer { get; }

    public string LeafPem { get; }

    public string CaPem { get; }

    /// <summary>Gets the leaf and the CA as a "certs-only" PKCS#7 (crl2pkcs7 -nocrl), DER.</summary>
    public byte[] P7bDer { get; }

    /// <summary>Gets the same PKCS#7 under -----BEGIN PKCS7-----.</summary>
    public string P7bPem { get; }

    /// <summary>Gets a CMS SignedData with data as eContent, signed by the leaf, carrying leaf and CA, DER.</summary>
    public byte[] CmsSignedDer { get; }

    /// <summary>Gets the same with -stream: BER with indefinite lengths.</summary>
    public byte[] CmsStreamedDer { get; }

    /// <summary>Gets a CMS SignedData that carries no certificates (-nocerts).</summary>
    public byte[] CmsWithoutCertificates { get; }

    /// <summary>Gets a CMS SignedData whose eContent is a CMC PKIResponse, as a CMC full response has it.</summary>
    public byte[] CmcResponseDer { get; }

    /// <summary>Gets a ContentInfo of type data: CMS, but no signed data.</summary>
    public byte[] DataContentInfoDer { get; }

    /// <summary>Gets the leaf, its key and the CA as a PKCS#12 file with the password "x".</summary>
    public byte[] Pfx { get; }

    public string CsrPem { get; }

    public byte[] CsrDer { get; }

    /// <summary>Gets the leaf key as PKCS#8 PEM (-----BEGIN PRIVATE KEY-----).</summary>
    public string PrivateKeyPem { get; }

    public byte[] PrivateKeyDer { get; }

    /// <summary>Gets the leaf key as SEC 1 PEM (-----BEGIN EC PRIVATE KEY-----).</summary>
    public string EcPrivateKeyPem { get; }

    public byte[] EcPrivateKeyDer { get; }

    public string PublicKeyPem { get; }

    /// <summary>Gets the CA with OpenSSL trust settings (-----BEGIN TRUSTED CERTIFICATE-----).</summary>
    public string TrustedCaPem { get; }

    /// <summary>Gets "openssl x509 -text" output: a human-readable dump followed by the PEM block.</summary>
    public string LeafText { get; }

    /// <summary>Gets a PKCS#7 holding the leaf <see cref="ManyCertificateCount"/> times.</summary>
    public byte[] ManyCertificatesP7b { get; }

    public void Dispose() => _temp.Dispose();

    private byte[] Der(string command, string pem)
    {
        return Output(Path.GetFileName(pem) + ".der", command, "-in", pem, "-outform", "DER");
    }

    /// <summary>Runs openssl with -out in the temp folder and returns the file it wrote.</summary>
    private byte[] Output(string name, params string[] args)
    {
        string path = _temp.File(name);
        OpenSsl.Run(args.Concat(new[] { "-out", path }).ToArray());
        return File.ReadAllBytes(path);
    }
}
