//! SVG output, laid out in-process by `layout-rs` (a Graphviz-style layered
//! layout: ranks, crossing reduction, spline edges with labels). Each node's
//! group carries `data-node`, `data-kind` and, when it has a place,
//! `data-file`, `data-line` and `data-column` (zero-based, UTF-16 columns as
//! editors count them), so a viewer can open the place a node stands for.

use std::collections::BTreeMap;
use std::path::Path;

use iml_analysis::graph::{EdgeKind, FlowGraph, GraphKind, GraphNode, NodeKind};
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::get_size_for_str;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use line_index::{LineIndex, TextSize, WideEncoding};

use super::dot::look;

const FONT_SIZE: usize = 14;
const EDGE_FONT_SIZE: usize = 11;

pub(super) fn render(graph: &FlowGraph, text_of: &dyn Fn(&Path) -> Option<String>) -> String {
    let orientation = match graph.kind {
        GraphKind::ConnectionFlow => Orientation::LeftToRight,
        GraphKind::App => Orientation::TopToBottom,
    };
    let mut visual = VisualGraph::new(orientation);
    let mut handles = BTreeMap::new();
    for node in &graph.nodes {
        let (shape_name, fill) = look(node.kind);
        let shape = match shape_name {
            "circle" => ShapeKind::new_circle(&node.label),
            _ => ShapeKind::new_box(&node.label),
        };
        let style = StyleAttr::new(
            Color::fast("black"),
            1,
            parse_hex(fill),
            if node.kind == NodeKind::Section { 0 } else { 8 },
            FONT_SIZE,
        );
        let size = get_shape_size(orientation, &shape, FONT_SIZE, false);
        let element = Element::create_with_properties(
            shape,
            style,
            orientation,
            size,
            node_attributes(node, text_of),
        );
        handles.insert(node.id.as_str(), visual.add_node(element));
    }
    // Parallel edges of one kind share one arrow with all their labels, so
    // `token → refresh` is one arrow for `data.expires, data.refreshToken`.
    let mut arrows: BTreeMap<(usize, &str, &str), (EdgeKind, Vec<&str>)> = BTreeMap::new();
    for (index, edge) in graph.edges.iter().enumerate() {
        let first = arrows
            .iter()
            .find(|((_, from, to), (kind, _))| {
                *from == edge.from && *to == edge.to && *kind == edge.kind
            })
            .map(|(key, _)| *key);
        let key = first.unwrap_or((index, edge.from.as_str(), edge.to.as_str()));
        let entry = arrows.entry(key).or_insert((edge.kind, Vec::new()));
        if !edge.label.is_empty() {
            entry.1.push(&edge.label);
        }
    }
    let mut edge_labels: Vec<String> = Vec::new();
    for ((_, from, to), (kind, labels)) in arrows {
        let (Some(&from_handle), Some(&to_handle)) = (handles.get(from), handles.get(to)) else {
            continue;
        };
        let unread = graph.node(to).is_some_and(|n| n.kind == NodeKind::Unread);
        let line_style = if unread || kind == EdgeKind::UsesAltConnection {
            LineStyleKind::Dashed
        } else {
            LineStyleKind::Normal
        };
        let width = if kind == EdgeKind::Flow { 3 } else { 1 };
        let look = StyleAttr::new(Color::fast("black"), width, None, 0, EDGE_FONT_SIZE);
        edge_labels.push(labels.join(", "));
        let mut arrow = Arrow::new(
            LineEndKind::None,
            LineEndKind::Arrow,
            line_style,
            edge_labels.last().map_or("", String::as_str),
            &look,
            &None,
            &None,
        );
        arrow.properties = Some(format!(
            "class=\"iml-edge iml-{}\" data-from=\"{}\" data-to=\"{}\"",
            kind.code(),
            escape(from),
            escape(to)
        ));
        visual.add_edge(arrow, from_handle, to_handle);
    }
    let mut writer = SVGWriter::new();
    if !graph.nodes.is_empty() {
        visual.do_it(false, false, false, &mut writer);
    }
    let svg = widen(&writer.finalize(), label_overhang(&edge_labels));
    // Titled for screen readers and for the viewer's tab.
    svg.replacen(
        "xmlns=\"http://www.w3.org/2000/svg\">",
        &format!(
            "xmlns=\"http://www.w3.org/2000/svg\" class=\"iml-graph\"><title>{}</title>",
            escape(&graph.title)
        ),
        1,
    )
}

/// How far an edge label may reach past the picture: layout-rs sizes the
/// picture by its nodes and edge paths, and centres a label on a path
/// that may run along the border, so up to half the widest label can hang
/// out on either side.
fn label_overhang(labels: &[String]) -> f64 {
    labels
        .iter()
        .map(|label| get_size_for_str(label, EDGE_FONT_SIZE).x / 2.0)
        .fold(0.0, f64::max)
        .ceil()
}

/// `svg` with `margin` more room left and right: the root element's width
/// and view box grow, and the view box starts `margin` left of zero, so
/// nothing drawn moves.
fn widen(svg: &str, margin: f64) -> String {
    if margin <= 0.0 {
        return svg.to_owned();
    }
    let Some(start) = svg.find("<svg ") else {
        return svg.to_owned();
    };
    let Some(end) = svg[start..].find('>').map(|end| start + end) else {
        return svg.to_owned();
    };
    let tag = &svg[start..end];
    let number = |name: &str| -> Option<f64> {
        let value = tag
            .split(&format!(" {name}=\""))
            .nth(1)?
            .split('"')
            .next()?;
        value.parse().ok()
    };
    let (Some(width), Some(height)) = (number("width"), number("height")) else {
        return svg.to_owned();
    };
    let wide = width + 2.0 * margin;
    let new_tag = tag
        .replacen(
            &format!(" width=\"{width}\""),
            &format!(" width=\"{wide}\""),
            1,
        )
        .replacen(
            &format!(" viewBox=\"0 0 {width} {height}\""),
            &format!(" viewBox=\"{} 0 {wide} {height}\"", -margin),
            1,
        );
    format!("{}{new_tag}{}", &svg[..start], &svg[end..])
}

fn node_attributes(node: &GraphNode, text_of: &dyn Fn(&Path) -> Option<String>) -> String {
    let mut attributes = format!(
        "class=\"iml-node iml-{}\" data-node=\"{}\" data-kind=\"{}\"",
        node.kind.code(),
        escape(&node.id),
        node.kind.code()
    );
    if let Some(place) = &node.place {
        let (line, column) = text_of(&place.file)
            .map(|text| {
                let index = LineIndex::new(&text);
                let offset = TextSize::from(u32::from(place.range.start()));
                let utf8 = index.line_col(offset.min(index.len()));
                let column = index
                    .to_wide(WideEncoding::Utf16, utf8)
                    .map_or(utf8.col, |wide| wide.col);
                (utf8.line, column)
            })
            .unwrap_or((0, 0));
        attributes.push_str(&format!(
            " data-file=\"{}\" data-line=\"{line}\" data-column=\"{column}\"",
            escape(&place.file.to_string_lossy())
        ));
    }
    attributes
}

fn parse_hex(color: &str) -> Option<Color> {
    let hex = color.strip_prefix('#')?;
    let rgb = u32::from_str_radix(hex, 16).ok()?;
    // layout-rs colours are RGBA.
    Some(Color::new((rgb << 8) | 0xff))
}

/// Text inside an attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
