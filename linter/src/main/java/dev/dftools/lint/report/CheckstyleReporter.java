package dev.dftools.lint.report;

import dev.dftools.lint.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Checkstyle 4.3 XML, read by Jenkins' warnings plugin and many CI tools. */
public final class CheckstyleReporter implements Reporter {

    @Override
    public void write(List<LintedFile> files, PrintWriter out) {
        StringWriter buffer = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(buffer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("checkstyle");
            xml.writeAttribute("version", "4.3");
            for (LintedFile file : files) {
                xml.writeStartElement("file");
                xml.writeAttribute("name", file.path());
                for (Finding f : file.findings()) {
                    xml.writeEmptyElement("error");
                    xml.writeAttribute("line", Integer.toString(f.range().start().line()));
                    xml.writeAttribute("column", Integer.toString(f.range().start().column()));
                    xml.writeAttribute("severity", f.severity().label().equals("style") ? "info"
                            : f.severity().label());
                    xml.writeAttribute("message", f.message());
                    xml.writeAttribute("source", "dflint." + f.code());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        out.println(buffer);
        out.flush();
    }
}
