package org.takedown.dossier.diagram;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CancelEventDefinition;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.LoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ManualTask;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * Draws a BPMN model as SVG from its diagram interchange (shape bounds, edge waypoints, label
 * bounds), with the state of one instance: current steps in blue, completed steps shaded,
 * incidents in red, taken flows darker. Colours are presentation attributes, not a style sheet,
 * so the picture looks the same inline, as an image and under a strict Content-Security-Policy.
 * Every shape has a title (its name, kind and state) for screen readers and hover.
 */
public final class SvgDiagram {

  static final String INK = "#222222";
  static final String FAINT = "#8a8a8a";
  static final String CURRENT = "#1456c8";
  static final String CURRENT_FILL = "#e6efff";
  static final String COMPLETED_FILL = "#d9d9d9";
  static final String INCIDENT = "#c00000";
  static final String INCIDENT_FILL = "#ffe3e3";
  static final String FONT = "font-family=\"Arial, Helvetica, 'Liberation Sans', sans-serif\"";
  static final double MARGIN = 20;
  static final double LEGEND_HEIGHT = 46;

  private final BpmnModelInstance model;
  private final DiagramState state;
  private final StringBuilder svg = new StringBuilder(32_768);
  /** Labels go on top of every shape and flow, with a white halo, so that lines never cross the words. */
  private final StringBuilder labels = new StringBuilder(4_096);
  private final java.util.Map<String, BpmnShape> shapeOf = new java.util.HashMap<>();

  private SvgDiagram(BpmnModelInstance model, DiagramState state) {
    this.model = model;
    this.state = state;
  }

  /** The whole SVG document; {@code description} becomes its accessible name. */
  public static String render(BpmnModelInstance model, DiagramState state, String description) {
    return new SvgDiagram(model, state).draw(description);
  }

  private String draw(String description) {
    Collection<BpmnShape> shapes = model.getModelElementsByType(BpmnShape.class);
    Collection<BpmnEdge> edges = model.getModelElementsByType(BpmnEdge.class);
    for (BpmnShape shape : shapes) {
      if (shape.getBpmnElement() != null) {
        shapeOf.put(shape.getBpmnElement().getId(), shape);
      }
    }
    // What a collapsed sub-process holds belongs on its own page, not on top of the main flow.
    shapes = shapes.stream().filter(s -> s.getBpmnElement() != null && !insideCollapsed(s.getBpmnElement())).toList();
    edges = edges.stream().filter(e -> e.getBpmnElement() != null && !insideCollapsed(e.getBpmnElement())).toList();
    double[] box = extent(shapes, edges);
    double minX = box[0] - MARGIN;
    double minY = box[1] - MARGIN;
    double width = Math.max(box[2] - box[0] + 2 * MARGIN, 560);
    double height = box[3] - box[1] + 2 * MARGIN + LEGEND_HEIGHT;

    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"").append(escape(description))
        .append("\" viewBox=\"").append(n(minX)).append(' ').append(n(minY)).append(' ').append(n(width)).append(' ').append(n(height))
        .append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height)).append("\" ").append(FONT)
        .append(" font-size=\"12\">\n");
    svg.append("<title>").append(escape(description)).append("</title>\n");
    svg.append("<rect x=\"").append(n(minX)).append("\" y=\"").append(n(minY)).append("\" width=\"").append(n(width))
        .append("\" height=\"").append(n(height)).append("\" fill=\"#ffffff\"/>\n");
    defs();

    // Back to front: pools and lanes, expanded sub-processes, flows, then the flow nodes on top.
    for (BpmnShape shape : shapes) {
      if (shape.getBpmnElement() instanceof Participant || shape.getBpmnElement() instanceof Lane) {
        container(shape);
      }
    }
    for (BpmnShape shape : shapes) {
      if (shape.getBpmnElement() instanceof SubProcess sub && shape.isExpanded()) {
        subProcess(shape, sub);
      }
    }
    for (BpmnEdge edge : edges) {
      edge(edge);
    }
    List<BpmnShape> boundary = new ArrayList<>();
    for (BpmnShape shape : shapes) {
      BaseElement element = shape.getBpmnElement();
      if (element instanceof BoundaryEvent) {
        boundary.add(shape);
      } else if (element instanceof SubProcess && shape.isExpanded()) {
        continue;
      } else if (element instanceof Activity activity) {
        activity(shape, activity);
      } else if (element instanceof Event event) {
        event(shape, event);
      } else if (element instanceof Gateway gateway) {
        gateway(shape, gateway);
      } else if (element instanceof TextAnnotation annotation) {
        annotation(shape, annotation);
      }
    }
    boundary.forEach(shape -> event(shape, (Event) shape.getBpmnElement()));
    svg.append(labels);
    legend(minX + 8, box[3] + MARGIN + 6);
    svg.append("</svg>\n");
    return svg.toString();
  }

  // ---- shapes ----

  private void container(BpmnShape shape) {
    Bounds b = shape.getBounds();
    BaseElement element = shape.getBpmnElement();
    String name = element instanceof Participant p ? p.getName() : ((Lane) element).getName();
    open(shape, "pool", name, element instanceof Participant ? "pool" : "lane", null);
    rect(b.getX(), b.getY(), b.getWidth(), b.getHeight(), 0, "none", INK, 1.5, null);
    boolean horizontal = shape.isHorizontal() || b.getWidth() >= b.getHeight();
    if (horizontal) {
      double band = 30;
      line(b.getX() + band, b.getY(), b.getX() + band, b.getY() + b.getHeight(), INK, 1.5);
      double cx = b.getX() + band / 2;
      double cy = b.getY() + b.getHeight() / 2;
      svg.append("<text x=\"").append(n(cx)).append("\" y=\"").append(n(cy)).append("\" text-anchor=\"middle\" dominant-baseline=\"middle\" transform=\"rotate(-90 ")
          .append(n(cx)).append(' ').append(n(cy)).append(")\" fill=\"").append(INK).append("\">").append(escape(name)).append("</text>\n");
    } else {
      text(wrap(name, b.getWidth() - 8, 12), b.getX() + b.getWidth() / 2, b.getY() + 16, 12, INK, "middle");
    }
    close();
  }

  private void subProcess(BpmnShape shape, SubProcess sub) {
    Bounds b = shape.getBounds();
    Look look = look(sub.getId(), INK, "#ffffff");
    open(shape, "sub-process", sub.getName(), sub.triggeredByEvent() ? "event sub-process" : "sub-process", look);
    rect(b.getX(), b.getY(), b.getWidth(), b.getHeight(), 10, look.fill == null ? "none" : look.fill, look.stroke, look.width,
        sub.triggeredByEvent() ? "6 4" : null);
    text(wrap(sub.getName(), b.getWidth() - 16, 12), b.getX() + 8, b.getY() + 16, 12, INK, "start");
    close();
  }

  private void activity(BpmnShape shape, Activity activity) {
    Bounds b = shape.getBounds();
    double x = b.getX();
    double y = b.getY();
    double w = b.getWidth();
    double h = b.getHeight();
    Look look = look(activity.getId(), INK, "#ffffff");
    double border = activity instanceof CallActivity ? Math.max(look.width, 4) : look.width;
    open(shape, "task", activity.getName(), kind(activity), look);
    rect(x, y, w, h, 10, look.fill, look.stroke, border,
        activity instanceof SubProcess sub && sub.triggeredByEvent() ? "6 4" : null);
    taskGlyph(activity, x + 6, y + 5);
    LoopCharacteristics loop = activity.getLoopCharacteristics();
    double markerY = y + h - 14;
    if (loop instanceof MultiInstanceLoopCharacteristics mi) {
      for (int i = -1; i <= 1; i++) {
        if (mi.isSequential()) {
          line(x + w / 2 - 6, markerY + 2 + (i + 1) * 4, x + w / 2 + 6, markerY + 2 + (i + 1) * 4, INK, 2);
        } else {
          line(x + w / 2 + i * 4, markerY, x + w / 2 + i * 4, markerY + 11, INK, 2);
        }
      }
    } else if (loop != null) {
      svg.append("<path d=\"M ").append(n(x + w / 2 - 4)).append(' ').append(n(markerY + 10)).append(" a 5 5 0 1 1 8 0\" fill=\"none\" stroke=\"")
          .append(INK).append("\" stroke-width=\"1.5\"/>\n");
    } else if (activity instanceof CallActivity || activity instanceof SubProcess) {
      // The collapsed sub-process marker: a small box with a plus.
      rect(x + w / 2 - 6, markerY, 12, 12, 0, "none", INK, 1.2, null);
      line(x + w / 2 - 3.5, markerY + 6, x + w / 2 + 3.5, markerY + 6, INK, 1.2);
      line(x + w / 2, markerY + 2.5, x + w / 2, markerY + 9.5, INK, 1.2);
    }
    // A word too long for the box makes the whole name smaller rather than cut.
    double size = 12;
    while (size > 9 && !fits(activity.getName(), w - 10, size)) {
      size -= 1;
    }
    List<String> lines = wrap(activity.getName(), w - 10, size);
    double top = y + h / 2 - (lines.size() - 1) * size * 0.625 + (loop != null || activity instanceof CallActivity ? -4 : 0);
    text(lines, x + w / 2, top + size / 3, size, INK, "middle");
    if (look.incident) {
      badge(x + w - 8, y + 8);
    }
    close();
  }

  private void event(BpmnShape shape, Event event) {
    Bounds b = shape.getBounds();
    double r = b.getWidth() / 2;
    double cx = b.getX() + r;
    double cy = b.getY() + b.getHeight() / 2;
    Look look = look(event.getId(), INK, "#ffffff");
    open(shape, "event", event.getName(), kind(event), look);
    String dash = event instanceof BoundaryEvent be && !be.cancelActivity() ? "4 3" : null;
    boolean interruptingStartInSub = event instanceof StartEvent se && !se.isInterrupting();
    if (interruptingStartInSub) {
      dash = "4 3";
    }
    if (event instanceof StartEvent) {
      circle(cx, cy, r, look.fill, look.stroke, Math.max(look.width, 1.5), dash);
    } else if (event instanceof EndEvent) {
      circle(cx, cy, r, look.fill, look.stroke, Math.max(look.width, 4), null);
    } else {
      circle(cx, cy, r, look.fill, look.stroke, Math.max(look.width, 1.5), dash);
      circle(cx, cy, r - 3.5, "none", look.stroke, 1.2, dash);
    }
    boolean filled = event instanceof ThrowEvent;
    for (EventDefinition definition : definitions(event)) {
      eventGlyph(definition, cx, cy, r, filled);
    }
    if (look.incident) {
      badge(cx + r, cy - r);
    }
    close();
    outsideLabel(shape, event.getName(), b);
  }

  private void gateway(BpmnShape shape, Gateway gateway) {
    Bounds b = shape.getBounds();
    double cx = b.getX() + b.getWidth() / 2;
    double cy = b.getY() + b.getHeight() / 2;
    double rx = b.getWidth() / 2;
    double ry = b.getHeight() / 2;
    Look look = look(gateway.getId(), INK, "#ffffff");
    open(shape, "gateway", gateway.getName(), kind(gateway), look);
    svg.append("<polygon points=\"").append(n(cx)).append(',').append(n(cy - ry)).append(' ').append(n(cx + rx)).append(',').append(n(cy))
        .append(' ').append(n(cx)).append(',').append(n(cy + ry)).append(' ').append(n(cx - rx)).append(',').append(n(cy))
        .append("\" fill=\"").append(look.fill).append("\" stroke=\"").append(look.stroke).append("\" stroke-width=\"")
        .append(n(look.width)).append("\" stroke-linejoin=\"round\"/>\n");
    double m = Math.min(rx, ry) * 0.42;
    if (gateway instanceof ExclusiveGateway) {
      if (!Boolean.FALSE.equals(markerVisible(shape))) {
        line(cx - m * 0.75, cy - m * 0.75, cx + m * 0.75, cy + m * 0.75, INK, 3.5);
        line(cx - m * 0.75, cy + m * 0.75, cx + m * 0.75, cy - m * 0.75, INK, 3.5);
      }
    } else if (gateway instanceof ParallelGateway) {
      line(cx - m, cy, cx + m, cy, INK, 3.5);
      line(cx, cy - m, cx, cy + m, INK, 3.5);
    } else if (gateway instanceof InclusiveGateway) {
      circle(cx, cy, m, "none", INK, 2.5, null);
    } else if (gateway instanceof EventBasedGateway) {
      circle(cx, cy, m + 2, "none", INK, 1.2, null);
      circle(cx, cy, m - 1, "none", INK, 1.2, null);
      polygon(pentagon(cx, cy, m - 4), "none", INK, 1.2);
    } else if (gateway instanceof ComplexGateway) {
      line(cx - m, cy, cx + m, cy, INK, 3);
      line(cx, cy - m, cx, cy + m, INK, 3);
      line(cx - m * 0.7, cy - m * 0.7, cx + m * 0.7, cy + m * 0.7, INK, 3);
      line(cx - m * 0.7, cy + m * 0.7, cx + m * 0.7, cy - m * 0.7, INK, 3);
    }
    if (look.incident) {
      badge(cx + rx * 0.6, cy - ry * 0.6);
    }
    close();
    outsideLabel(shape, gateway.getName(), b);
  }

  private void annotation(BpmnShape shape, TextAnnotation annotation) {
    Bounds b = shape.getBounds();
    String content = annotation.getText() == null ? "" : annotation.getText().getTextContent();
    open(shape, "annotation", content, "text annotation", null);
    svg.append("<path d=\"M ").append(n(b.getX() + 10)).append(' ').append(n(b.getY())).append(" H ").append(n(b.getX()))
        .append(" V ").append(n(b.getY() + b.getHeight())).append(" H ").append(n(b.getX() + 10)).append("\" fill=\"none\" stroke=\"")
        .append(INK).append("\" stroke-width=\"1.2\"/>\n");
    text(wrap(content, b.getWidth() - 10, 11), b.getX() + 6, b.getY() + 14, 11, INK, "start");
    close();
  }

  // ---- edges ----

  private void edge(BpmnEdge edge) {
    BaseElement element = edge.getBpmnElement();
    List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
    if (points.size() < 2 || element == null) {
      return;
    }
    String name = element instanceof FlowElement f ? f.getName() : element instanceof MessageFlow m ? m.getName() : null;
    boolean taken = state.takenFlows().contains(element.getId());
    String colour = taken ? INK : (state.takenFlows().isEmpty() && state.current().isEmpty() && state.completed().isEmpty() ? INK : FAINT);
    String kind = element instanceof SequenceFlow ? "sequence flow" : element instanceof MessageFlow ? "message flow" : "association";
    svg.append("<g class=\"flow").append(taken ? " flow-taken" : "").append("\" data-element-id=\"").append(escape(element.getId())).append("\">");
    svg.append("<title>").append(escape(title(name == null || name.isBlank() ? kind : name + " (" + kind + ")", taken ? "taken" : null))).append("</title>");
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      d.append(i == 0 ? "M " : " L ").append(n(points.get(i).getX())).append(' ').append(n(points.get(i).getY()));
    }
    svg.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"")
        .append(taken ? "2.2" : "1.5").append("\" stroke-linejoin=\"round\"");
    if (element instanceof MessageFlow) {
      svg.append(" stroke-dasharray=\"8 5\" marker-end=\"url(#arrow-open)\"");
    } else if (element instanceof Association) {
      svg.append(" stroke-dasharray=\"2 4\"");
    } else {
      svg.append(" marker-end=\"url(#").append(taken || colour.equals(INK) ? "arrow" : "arrow-faint").append(")\"");
    }
    svg.append("/>\n");
    if (element instanceof SequenceFlow flow && flow.getConditionExpression() != null && flow.getSource() instanceof Activity) {
      // A conditional flow out of an activity starts with a small diamond.
      Waypoint p = points.get(0);
      svg.append("<path d=\"M ").append(n(p.getX())).append(' ').append(n(p.getY())).append(" l 6 -4 l 6 4 l -6 4 z\" fill=\"#ffffff\" stroke=\"")
          .append(colour).append("\"/>\n");
    }
    if (name != null && !name.isBlank()) {
      BpmnLabel label = edge.getBpmnLabel();
      if (label != null && label.getBounds() != null) {
        Bounds lb = label.getBounds();
        label(wrap(name, Math.max(lb.getWidth(), 40) + 6, 11), lb.getX() + lb.getWidth() / 2, lb.getY() + 10, "middle");
      } else {
        // No label bounds in the model: next to where the flow leaves its source, as modellers place them.
        Waypoint a = points.get(0);
        Waypoint b = points.get(1);
        double dx = b.getX() - a.getX();
        double dy = b.getY() - a.getY();
        if (Math.abs(dx) >= Math.abs(dy)) {
          double room = Math.max(Math.abs(dx) - 14, 56);
          List<String> lines = wrap(name, room, 11);
          double x = dx >= 0 ? a.getX() + 7 : a.getX() - 7;
          label(lines, x, a.getY() - 6 - (lines.size() - 1) * 13.5, dx >= 0 ? "start" : "end");
        } else if (points.size() > 2) {
          // Leaving downwards or upwards: at the corner, along the next leg, clear of the source's own label.
          Waypoint c = points.get(2);
          double ex = c.getX() - b.getX();
          List<String> lines = wrap(name, Math.max(Math.abs(ex) - 14, 56), 11);
          label(lines, ex >= 0 ? b.getX() + 7 : b.getX() - 7, b.getY() - 6 - (lines.size() - 1) * 13.5, ex >= 0 ? "start" : "end");
        } else {
          List<String> lines = wrap(name, 96, 11);
          label(lines, a.getX() + 6, (a.getY() + b.getY()) / 2, "start");
        }
      }
    }
    svg.append("</g>\n");
  }

  // ---- labels, glyphs, legend ----

  /** Events and gateways carry their name below (or where the label bounds say). */
  private void outsideLabel(BpmnShape shape, String name, Bounds b) {
    if (name == null || name.isBlank()) {
      return;
    }
    BpmnLabel label = shape.getBpmnLabel();
    if (label != null && label.getBounds() != null) {
      Bounds lb = label.getBounds();
      label(wrap(name, Math.max(lb.getWidth(), 60) + 6, 11), lb.getX() + lb.getWidth() / 2, lb.getY() + 10, "middle");
    } else {
      // Boundary events sit side by side on their task: narrower labels, but never a cut word.
      double width = shape.getBpmnElement() instanceof BoundaryEvent ? 62 : 90;
      while (!fits(name, width, 11)) {
        width += 6;
      }
      label(wrap(name, width, 11), b.getX() + b.getWidth() / 2, b.getY() + b.getHeight() + 14, "middle");
    }
  }

  private void label(List<String> lines, double x, double y, String anchor) {
    if (lines.isEmpty()) {
      return;
    }
    labels.append("<text class=\"label\" aria-hidden=\"true\" fill=\"").append(INK)
        .append("\" font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" text-anchor=\"")
        .append(anchor).append("\">");
    for (int i = 0; i < lines.size(); i++) {
      labels.append("<tspan x=\"").append(n(x)).append("\" y=\"").append(n(y + i * 13.5)).append("\">").append(escape(lines.get(i))).append("</tspan>");
    }
    labels.append("</text>\n");
  }

  private boolean insideCollapsed(BaseElement element) {
    for (var parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof SubProcess sub) {
        BpmnShape shape = shapeOf.get(sub.getId());
        if (shape != null && !shape.isExpanded()) {
          return true;
        }
      }
    }
    return false;
  }

  private void taskGlyph(Activity activity, double x, double y) {
    if (activity instanceof UserTask) {
      circle(x + 7, y + 5, 3.6, "none", INK, 1.2, null);
      svg.append("<path d=\"M ").append(n(x)).append(' ').append(n(y + 16)).append(" q 0 -6.5 7 -6.5 q 7 0 7 6.5 z\" fill=\"none\" stroke=\"")
          .append(INK).append("\" stroke-width=\"1.2\"/>\n");
    } else if (activity instanceof ServiceTask) {
      // A cog: a toothed ring drawn as a thick dashed circle with a hub.
      circle(x + 7, y + 7, 5.2, "none", INK, 3, "2.2 1.9");
      circle(x + 7, y + 7, 3.6, "#ffffff", INK, 1.2, null);
      circle(x + 7, y + 7, 1.3, "none", INK, 1, null);
    } else if (activity instanceof BusinessRuleTask) {
      rect(x, y + 2, 15, 11, 0, "none", INK, 1.1, null);
      rect(x, y + 2, 15, 3, 0, INK, INK, 1.1, null);
      line(x + 5, y + 5, x + 5, y + 13, INK, 1);
      line(x, y + 9, x + 15, y + 9, INK, 1);
    } else if (activity instanceof ReceiveTask || activity instanceof SendTask) {
      boolean send = activity instanceof SendTask;
      rect(x, y + 2, 15, 10, 0, send ? INK : "none", INK, 1.1, null);
      svg.append("<path d=\"M ").append(n(x)).append(' ').append(n(y + 2)).append(" l 7.5 5.5 l 7.5 -5.5\" fill=\"none\" stroke=\"")
          .append(send ? "#ffffff" : INK).append("\" stroke-width=\"1.1\"/>\n");
    } else if (activity instanceof ScriptTask) {
      svg.append("<path d=\"M ").append(n(x + 3)).append(' ').append(n(y)).append(" h 10 q -4 4 0 8 q 4 4 0 8 h -10 q 4 -4 0 -8 q -4 -4 0 -8 z\" fill=\"none\" stroke=\"")
          .append(INK).append("\" stroke-width=\"1.1\"/>\n");
    } else if (activity instanceof ManualTask) {
      text(List.of("\u270B"), x + 7, y + 12, 12, INK, "middle");
    }
  }

  private void eventGlyph(EventDefinition definition, double cx, double cy, double r, boolean filled) {
    double s = r * 0.55;
    String fill = filled ? INK : "none";
    if (definition instanceof TimerEventDefinition) {
      circle(cx, cy, s, "#ffffff", INK, 1.5, null);
      for (int h = 0; h < 12; h += 3) {
        double a = Math.toRadians(h * 30);
        line(cx + Math.sin(a) * s * 0.72, cy - Math.cos(a) * s * 0.72, cx + Math.sin(a) * s * 0.95, cy - Math.cos(a) * s * 0.95, INK, 1);
      }
      line(cx, cy, cx, cy - s * 0.7, INK, 1.4);
      line(cx, cy, cx + s * 0.5, cy + s * 0.15, INK, 1.4);
    } else if (definition instanceof MessageEventDefinition) {
      double w = s * 1.6;
      double h = s * 1.1;
      rect(cx - w / 2, cy - h / 2, w, h, 0, filled ? INK : "#ffffff", INK, 1.3, null);
      svg.append("<path d=\"M ").append(n(cx - w / 2)).append(' ').append(n(cy - h / 2)).append(" L ").append(n(cx)).append(' ')
          .append(n(cy + h * 0.1)).append(" L ").append(n(cx + w / 2)).append(' ').append(n(cy - h / 2)).append("\" fill=\"none\" stroke=\"")
          .append(filled ? "#ffffff" : INK).append("\" stroke-width=\"1.3\"/>\n");
    } else if (definition instanceof EscalationEventDefinition) {
      svg.append("<path d=\"M ").append(n(cx)).append(' ').append(n(cy - s)).append(" L ").append(n(cx + s * 0.65)).append(' ').append(n(cy + s))
          .append(" L ").append(n(cx)).append(' ').append(n(cy + s * 0.35)).append(" L ").append(n(cx - s * 0.65)).append(' ').append(n(cy + s))
          .append(" Z\" fill=\"").append(fill).append("\" stroke=\"").append(INK).append("\" stroke-width=\"1.3\" stroke-linejoin=\"round\"/>\n");
    } else if (definition instanceof ErrorEventDefinition) {
      svg.append("<path d=\"M ").append(n(cx - s * 0.8)).append(' ').append(n(cy + s * 0.8)).append(" L ").append(n(cx - s * 0.35)).append(' ')
          .append(n(cy - s * 0.7)).append(" L ").append(n(cx + s * 0.15)).append(' ').append(n(cy + s * 0.15)).append(" L ").append(n(cx + s * 0.8))
          .append(' ').append(n(cy - s * 0.8)).append(" L ").append(n(cx + s * 0.35)).append(' ').append(n(cy + s * 0.7)).append(" L ")
          .append(n(cx - s * 0.15)).append(' ').append(n(cy - s * 0.15)).append(" Z\" fill=\"").append(fill).append("\" stroke=\"").append(INK)
          .append("\" stroke-width=\"1.3\" stroke-linejoin=\"round\"/>\n");
    } else if (definition instanceof SignalEventDefinition) {
      polygon(new double[] {cx, cy - s, cx + s * 0.9, cy + s * 0.65, cx - s * 0.9, cy + s * 0.65}, fill, 1.3);
    } else if (definition instanceof TerminateEventDefinition) {
      circle(cx, cy, s * 0.9, INK, INK, 1, null);
    } else if (definition instanceof ConditionalEventDefinition) {
      rect(cx - s * 0.6, cy - s * 0.8, s * 1.2, s * 1.6, 0, "#ffffff", INK, 1.2, null);
      for (int i = -1; i <= 1; i++) {
        line(cx - s * 0.4, cy + i * s * 0.45, cx + s * 0.4, cy + i * s * 0.45, INK, 1);
      }
    } else if (definition instanceof CompensateEventDefinition) {
      polygon(new double[] {cx - s, cy, cx, cy - s * 0.6, cx, cy + s * 0.6}, fill, 1.2);
      polygon(new double[] {cx, cy, cx + s, cy - s * 0.6, cx + s, cy + s * 0.6}, fill, 1.2);
    } else if (definition instanceof LinkEventDefinition) {
      polygon(new double[] {cx - s * 0.8, cy - s * 0.3, cx + s * 0.1, cy - s * 0.3, cx + s * 0.1, cy - s * 0.7, cx + s * 0.8, cy,
          cx + s * 0.1, cy + s * 0.7, cx + s * 0.1, cy + s * 0.3, cx - s * 0.8, cy + s * 0.3}, fill, 1.2);
    } else if (definition instanceof CancelEventDefinition) {
      line(cx - s * 0.7, cy - s * 0.7, cx + s * 0.7, cy + s * 0.7, INK, 3);
      line(cx - s * 0.7, cy + s * 0.7, cx + s * 0.7, cy - s * 0.7, INK, 3);
    }
  }

  private void legend(double x, double y) {
    svg.append("<g class=\"legend\" font-size=\"11\"><title>Legend</title>\n");
    double at = x;
    at = legendBox(at, y, CURRENT_FILL, CURRENT, 3, "current step");
    at = legendBox(at, y, COMPLETED_FILL, INK, 1.5, "completed");
    at = legendBox(at, y, INCIDENT_FILL, INCIDENT, 3, "incident");
    at = legendBox(at, y, "#ffffff", INK, 1.5, "not reached");
    svg.append("<path d=\"M ").append(n(at)).append(' ').append(n(y + 8)).append(" h 34\" stroke=\"").append(INK)
        .append("\" stroke-width=\"2.2\" marker-end=\"url(#arrow)\"/>");
    svg.append("<text x=\"").append(n(at + 42)).append("\" y=\"").append(n(y + 12)).append("\" fill=\"").append(INK).append("\">flow taken</text>\n");
    svg.append("</g>\n");
  }

  private double legendBox(double x, double y, String fill, String stroke, double width, String label) {
    rect(x, y, 26, 16, 4, fill, stroke, width, null);
    svg.append("<text x=\"").append(n(x + 32)).append("\" y=\"").append(n(y + 12)).append("\" fill=\"").append(INK).append("\">")
        .append(escape(label)).append("</text>\n");
    return x + 40 + label.length() * 6.2;
  }

  private void defs() {
    svg.append("<defs>")
        .append(marker("arrow", INK, true))
        .append(marker("arrow-faint", FAINT, true))
        .append(marker("arrow-open", INK, false))
        .append("</defs>\n");
  }

  private static String marker(String id, String colour, boolean filled) {
    return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
        + "<path d=\"M 0 1 L 10 5 L 0 9 z\" fill=\"" + (filled ? colour : "#ffffff") + "\" stroke=\"" + colour + "\" stroke-width=\"1\"/></marker>";
  }

  private void badge(double cx, double cy) {
    circle(cx, cy, 7, INCIDENT, "#ffffff", 1.2, null);
    svg.append("<text x=\"").append(n(cx)).append("\" y=\"").append(n(cy + 4)).append("\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\" fill=\"#ffffff\">!</text>\n");
  }

  // ---- state ----

  private record Look(String stroke, String fill, double width, String state, boolean incident) {}

  private Look look(String id, String stroke, String fill) {
    if (model.getModelElementById(id) instanceof SubProcess sub && inner(sub).stream().anyMatch(state.incidents()::contains)) {
      // An incident inside a sub-process shows on the sub-process too.
      return new Look(INCIDENT, INCIDENT_FILL, 3.5, "incident", true);
    }
    if (state.incidents().contains(id)) {
      return new Look(INCIDENT, INCIDENT_FILL, 3.5, "incident", true);
    }
    if (state.current().contains(id)) {
      return new Look(CURRENT, CURRENT_FILL, 3.5, "current", false);
    }
    if (state.completed().contains(id)) {
      return new Look(stroke, COMPLETED_FILL, 1.5, "completed", false);
    }
    return new Look(stroke, fill, 1.5, null, false);
  }

  private static List<String> inner(SubProcess sub) {
    List<String> ids = new ArrayList<>();
    for (FlowElement element : sub.getFlowElements()) {
      ids.add(element.getId());
      if (element instanceof SubProcess nested) {
        ids.addAll(inner(nested));
      }
    }
    return ids;
  }

  private void open(BpmnShape shape, String type, String name, String kind, Look look) {
    BaseElement element = shape.getBpmnElement();
    String stateName = look == null ? null : look.state;
    if (look != null && look.incident && state.current().contains(element.getId())) {
      stateName = "current, incident";
    }
    svg.append("<g class=\"shape ").append(type);
    if (stateName != null) {
      svg.append(" state-").append(look.state);
      if (stateName.startsWith("current,")) {
        svg.append(" state-current");
      }
    }
    svg.append("\" data-element-id=\"").append(escape(element.getId())).append("\">");
    String label = name == null || name.isBlank() ? kind : name + " (" + kind + ")";
    svg.append("<title>").append(escape(title(label, stateName))).append("</title>\n");
  }

  private void close() {
    svg.append("</g>\n");
  }

  private static String title(String label, String state) {
    return state == null ? label : label + ": " + state;
  }

  private static String kind(BaseElement element) {
    if (element instanceof UserTask) {
      return "user task";
    } else if (element instanceof ServiceTask) {
      return "service task";
    } else if (element instanceof BusinessRuleTask) {
      return "business rule task";
    } else if (element instanceof ReceiveTask) {
      return "receive task";
    } else if (element instanceof SendTask) {
      return "send task";
    } else if (element instanceof ScriptTask) {
      return "script task";
    } else if (element instanceof CallActivity) {
      return "call activity";
    } else if (element instanceof SubProcess) {
      return "sub-process";
    } else if (element instanceof StartEvent) {
      return eventKind(element, "start event");
    } else if (element instanceof EndEvent) {
      return eventKind(element, "end event");
    } else if (element instanceof BoundaryEvent b) {
      return eventKind(element, b.cancelActivity() ? "boundary event" : "non-interrupting boundary event");
    } else if (element instanceof Event) {
      return eventKind(element, "intermediate event");
    } else if (element instanceof ExclusiveGateway) {
      return "exclusive gateway";
    } else if (element instanceof ParallelGateway) {
      return "parallel gateway";
    } else if (element instanceof InclusiveGateway) {
      return "inclusive gateway";
    } else if (element instanceof EventBasedGateway) {
      return "event-based gateway";
    } else if (element instanceof Gateway) {
      return "gateway";
    }
    return "task";
  }

  private static String eventKind(BaseElement element, String kind) {
    for (EventDefinition definition : definitions((Event) element)) {
      String type = definition.getElementType().getTypeName().replace("EventDefinition", "");
      return type.toLowerCase(Locale.ROOT) + " " + kind;
    }
    return kind;
  }

  private static Collection<EventDefinition> definitions(Event event) {
    if (event instanceof CatchEvent c) {
      return c.getEventDefinitions();
    }
    if (event instanceof ThrowEvent t) {
      return t.getEventDefinitions();
    }
    return List.of();
  }

  private static Boolean markerVisible(BpmnShape shape) {
    String value = shape.getAttributeValue("isMarkerVisible");
    return value == null ? null : Boolean.valueOf(value);
  }

  // ---- geometry and text ----

  private static double[] extent(Collection<BpmnShape> shapes, Collection<BpmnEdge> edges) {
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (BpmnShape shape : shapes) {
      include(box, shape.getBounds());
      if (shape.getBpmnLabel() != null) {
        include(box, shape.getBpmnLabel().getBounds());
      } else if (shape.getBpmnElement() instanceof Event || shape.getBpmnElement() instanceof Gateway) {
        Bounds b = shape.getBounds();
        box[3] = Math.max(box[3], b.getY() + b.getHeight() + 30);
      }
    }
    for (BpmnEdge edge : edges) {
      for (Waypoint p : edge.getWaypoints()) {
        box[0] = Math.min(box[0], p.getX());
        box[1] = Math.min(box[1], p.getY());
        box[2] = Math.max(box[2], p.getX());
        box[3] = Math.max(box[3], p.getY());
      }
      if (edge.getBpmnLabel() != null) {
        include(box, edge.getBpmnLabel().getBounds());
      }
    }
    if (box[0] == Double.MAX_VALUE) {
      return new double[] {0, 0, 100, 100};
    }
    return box;
  }

  private static void include(double[] box, Bounds b) {
    if (b == null) {
      return;
    }
    box[0] = Math.min(box[0], b.getX());
    box[1] = Math.min(box[1], b.getY());
    box[2] = Math.max(box[2], b.getX() + b.getWidth());
    box[3] = Math.max(box[3], b.getY() + b.getHeight());
  }

  static boolean fits(String text, double width, double fontSize) {
    int max = Math.max(4, (int) Math.floor(width / (fontSize * 0.56)));
    return text == null || java.util.Arrays.stream(text.trim().split("\\s+")).allMatch(word -> word.length() <= max);
  }

  /** Greedy word wrap by an average glyph width; a word longer than the line is cut. */
  static List<String> wrap(String text, double width, double fontSize) {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return lines;
    }
    int max = Math.max(4, (int) Math.floor(width / (fontSize * 0.56)));
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      while (word.length() > max) {
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, max - 1) + "-");
        word = word.substring(max - 1);
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > max) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private void text(List<String> lines, double x, double y, double size, String fill, String anchor) {
    if (lines.isEmpty()) {
      return;
    }
    svg.append("<text aria-hidden=\"true\" fill=\"").append(fill).append("\" font-size=\"").append(n(size)).append("\" text-anchor=\"")
        .append(anchor).append("\">");
    tspans(lines, x, y, size * 1.25);
    svg.append("</text>\n");
  }

  private void tspans(List<String> lines, double x, double y, double leading) {
    for (int i = 0; i < lines.size(); i++) {
      svg.append("<tspan x=\"").append(n(x)).append("\" y=\"").append(n(y + i * leading)).append("\">").append(escape(lines.get(i))).append("</tspan>");
    }
  }

  private void rect(double x, double y, double w, double h, double r, String fill, String stroke, double width, String dash) {
    svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h)).append('"');
    if (r > 0) {
      svg.append(" rx=\"").append(n(r)).append('"');
    }
    svg.append(" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width)).append('"');
    if (dash != null) {
      svg.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    svg.append("/>\n");
  }

  private void circle(double cx, double cy, double r, String fill, String stroke, double width, String dash) {
    svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r)).append("\" fill=\"").append(fill)
        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width)).append('"');
    if (dash != null) {
      svg.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    svg.append("/>\n");
  }

  private void line(double x1, double y1, double x2, double y2, String stroke, double width) {
    svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2))
        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width)).append("\" stroke-linecap=\"round\"/>\n");
  }

  private void polygon(double[] points, String fill, double width) {
    polygon(points, fill, INK, width);
  }

  private void polygon(double[] points, String fill, String stroke, double width) {
    svg.append("<polygon points=\"");
    for (int i = 0; i < points.length; i += 2) {
      svg.append(i == 0 ? "" : " ").append(n(points[i])).append(',').append(n(points[i + 1]));
    }
    svg.append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width)).append("\" stroke-linejoin=\"round\"/>\n");
  }

  private static double[] pentagon(double cx, double cy, double r) {
    double[] p = new double[10];
    for (int i = 0; i < 5; i++) {
      double a = Math.toRadians(-90 + i * 72);
      p[2 * i] = cx + Math.cos(a) * r;
      p[2 * i + 1] = cy + Math.sin(a) * r;
    }
    return p;
  }

  static String n(double value) {
    if (value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** XML text and attribute escaping; characters XML 1.0 cannot carry are dropped. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            if (c != 0xFFFE && c != 0xFFFF) {
              out.append(c);
            }
          }
        }
      }
    }
    return out.toString();
  }
}
