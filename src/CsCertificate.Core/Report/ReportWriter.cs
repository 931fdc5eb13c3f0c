// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Xml;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Report;

/// <summary>
/// Writes an <see cref="OperationLog"/> the way Lync and Skype for Business cmdlets write -Report: an HTML log
/// and its XML twin (root CsMgmtLog) with the same base name. Every value is encoded, so a friendly name such
/// as "&lt;script&gt;" shows as text.
/// </summary>
internal static class ReportWriter
{
    /// <summary>Gets the two files a -Report path stands for: the HTML log and the XML twin.</summary>
    public static (string Html, string Xml) Paths(string reportPath)
    {
        string extension = Path.GetExtension(reportPath);
        return string.Equals(extension, ".xml", StringComparison.OrdinalIgnoreCase)
            ? (Path.ChangeExtension(reportPath, ".html"), reportPath)
            : (reportPath, Path.ChangeExtension(reportPath, ".xml"));
    }

    /// <summary>Writes the XML twin, then the HTML log, each checked again as it is written.</summary>
    /// <exception cref="CsCertificateException">A file is no longer acceptable, or cannot be written.</exception>
    public static void Write(OperationLog log, OutputFile html, OutputFile xml)
    {
        xml.Write(Xml(log));
        html.Write(new UTF8Encoding(false).GetBytes(Html(log)));
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Status(OperationLog log) =>
        log.Failure == null ? Strings.ReportCommandProcessingComplete : Messages.Format(Strings.ReportCommandFailed, log.Failure);

    private static byte[] Xml(OperationLog log)
    {
        DateTime completed = log.Completed ?? log.Started;
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (XmlWriter w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartElement("CsMgmtLog");
            w.WriteAttributeString("Name", log.CommandName);
            if (log.Connection != null)
            {
                Info(w, "Connection", log.Started, log.Connection);
            }

            w.WriteStartElement("Action");
            w.WriteAttributeString("Time", Time(log.Started));
            foreach (LogEntry entry in log.Entries)
            {
                w.WriteStartElement(entry.Kind.ToString());
                w.WriteAttributeString("Time", Time(entry.Time));
                w.WriteString(entry.Text);
                w.WriteEndElement();
            }

            w.WriteStartElement("Complete");
            w.WriteAttributeString("Time", Time(completed));
            w.WriteEndElement();
            w.WriteEndElement();

            if (log.Output.Count > 0)
            {
                Info(w, "Output", completed, "\n" + string.Join("\n", log.Output) + "\n");
            }

            Info(w, "Command Status", completed, Status(log));
            Info(w, "Command Status", completed, Strings.ReportCommandRunComplete);
            w.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static void Info(XmlWriter w, string title, DateTime time, string text)
    {
        w.WriteStartElement("Info");
        w.WriteAttributeString("Title", title);
        w.WriteAttributeString("Time", Time(time));
        w.WriteString(text);
        w.WriteEndElement();
    }

    private static string Html(OperationLog log)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        DateTime completed = log.Completed ?? log.Started;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n");
        html.Append("<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n");
        html.Append("<title>").Append(E(Messages.Format(Strings.ReportTitle, log.CommandName))).Append("</title>\n");
        html.Append("<style type=\"text/css\">body{font-family:Segoe UI,Arial,sans-serif;font-size:10pt}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border:1px solid #ccc;padding:4px;text-align:left;vertical-align:top}th{background:#eee}")
            .Append(".Warning{color:#a60}.Error{color:#c00}pre{margin:0;white-space:pre-wrap}</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(Messages.Format(Strings.ReportTitle, log.CommandName))).Append("</h1>\n<table>\n");
        html.Append("<tr><th>Action</th><th>Action Information</th><th>Time Logged</th><th>Execution Result</th></tr>\n");
        Row(html, log.CommandName, string.Empty, Time(log.Started), log.Failure == null ? "Success" : "Failure");
        if (log.Connection != null)
        {
            Row(html, "Connection", E(log.Connection), Time(log.Started), string.Empty);
        }

        foreach (LogEntry entry in log.Entries)
        {
            string text = "<div class=\"" + entry.Kind + "\">" + E(entry.Text) + "</div>";
            Row(html, entry.Kind.ToString(), text, Time(entry.Time), string.Empty);
        }

        if (log.Output.Count > 0)
        {
            Row(html, "Output", "<pre>" + E(string.Join("\n", log.Output)) + "</pre>", Time(completed), string.Empty);
        }

        Row(html, "Command Status", E(Status(log)), Time(completed), log.Failure == null ? "Success" : "Failure");
        html.Append("</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string action, string information, string time, string result) =>
        html.Append("<tr><td>").Append(WebUtility.HtmlEncode(action)).Append("</td><td>").Append(information)
            .Append("</td><td>").Append(time).Append("</td><td>").Append(WebUtility.HtmlEncode(result)).Append("</td></tr>\n");
}
