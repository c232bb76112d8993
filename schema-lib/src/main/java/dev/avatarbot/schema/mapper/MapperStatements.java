package dev.avatarbot.schema.mapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.avatarbot.schema.core.SchemaException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The SQL of every statement of the jar's mappers, as written in their XML (every dynamic branch,
 * {@code <include>}s resolved), keyed {@code UserMapper.insert}: for checks that a schema change
 * does not pull a table or column from under a mapper.
 */
public final class MapperStatements {

    private MapperStatements() {
    }

    public static Map<String, String> ofJar() {
        Map<String, String> statements = new LinkedHashMap<>();
        for (Class<?> mapper : SchemaSessions.MAPPERS) {
            statements.putAll(read(mapper));
        }
        return statements;
    }

    private static Map<String, String> read(Class<?> mapper) {
        String resource = mapper.getName().replace('.', '/') + ".xml";
        try (InputStream in = mapper.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SchemaException("No mapper XML " + resource + " on the class path.");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document document = factory.newDocumentBuilder().parse(in);
            Map<String, String> fragments = new HashMap<>();
            NodeList sql = document.getElementsByTagName("sql");
            for (int i = 0; i < sql.getLength(); i++) {
                Element fragment = (Element) sql.item(i);
                fragments.put(fragment.getAttribute("id"), fragment.getTextContent());
            }
            Map<String, String> statements = new LinkedHashMap<>();
            for (String kind : List.of("select", "insert", "update", "delete")) {
                NodeList nodes = document.getElementsByTagName(kind);
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element statement = (Element) nodes.item(i);
                    statements.put(mapper.getSimpleName() + "." + statement.getAttribute("id"),
                            text(statement, fragments).replaceAll("\\s+", " ").strip());
                }
            }
            return statements;
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new SchemaException("Cannot read mapper XML " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String text(Node node, Map<String, String> fragments) {
        if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            return node.getNodeValue();
        }
        if (node instanceof Element element && element.getTagName().equals("include")) {
            return " " + fragments.getOrDefault(element.getAttribute("refid"), "") + " ";
        }
        StringBuilder text = new StringBuilder();
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            text.append(' ').append(text(children.item(i), fragments));
        }
        return text.toString();
    }
}
