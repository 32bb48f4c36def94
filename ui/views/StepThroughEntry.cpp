#include "StepThroughEntry.h"

#include "OptimizerPanel.h"
#include "TensorText.h"
#include "core/Errors.h"
#include "core/OpKind.h"

#include <QCoreApplication>

#include <algorithm>

namespace gs::ui {

namespace {

constexpr int kShownTerms = 4; // terms of a sum shown one by one; the rest are counted

// The texts of the entry followed, in a context of their own (lupdate reads the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gs::ui::StepThroughEntry)
};

QString esc(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

QString cell(const QString& text) {
    return QStringLiteral("<td>") + text + QStringLiteral("</td>");
}

QString row(const QString& label, double value) {
    return QStringLiteral("<tr><td>%1</td><td align=right><b>%2</b></td></tr>")
        .arg(label, exactText(value));
}

const QString kTable = QStringLiteral("<table border=1 cellspacing=0 cellpadding=3>");

int recordOf(const StepTrace& t, int node) {
    for (int k = 0; k < int(t.backward.size()); ++k)
        if (t.backward[std::size_t(k)].node == node) return k;
    return -1;
}

QString nameOf(const StepTrace& t, int node) {
    return esc(t.nodeNames[std::size_t(node)]);
}

// How the gradient an edge sent to the entry was made, term by term.
QString termsHtml(const StepTrace& t, const StepRecord& r, const EdgeStep& e,
                  const ResolvedEntry& entry) {
    const EntryGradient g = entryGradient(t, r, e, entry.flat);
    const QString out = esc(r.nodeName);
    const QString upstreamAt = QStringLiteral("dL/d%1%2").arg(out);
    QString html;
    switch (g.rule) {
    case EntryGradient::Rule::Elementwise: {
        const EntryTerm& term = g.terms.front();
        const QString at = indexText(r.upstream.shape(), term.upstreamIndex);
        html +=
            Text::tr("<p>%1 is elementwise: each entry's gradient is the upstream gradient times "
                     "the local derivative at the same place.</p>")
                .arg(QString::fromUtf8(opName(r.op)));
        html += kTable +
                row(Text::tr("upstream gradient %1").arg(upstreamAt.arg(at)), term.upstream) +
                row(Text::tr("local derivative d%1/d%2%3").arg(out, nameOf(t, e.inputNode), at),
                    term.factor) +
                row(Text::tr("product: dL/d%1, sent back").arg(entry.label), g.sent) +
                QStringLiteral("</table>");
        return html;
    }
    case EntryGradient::Rule::SumOfProducts:
    case EntryGradient::Rule::Sum: {
        const bool samples = g.over == EntryGradient::Over::Samples;
        const QString factorName = g.factorNode >= 0 ? nameOf(t, g.factorNode) : QString();
        const Shape factorShape =
            g.factorNode >= 0 ? t.forward[std::size_t(g.factorNode)].value.shape() : Shape{};
        if (g.rule == EntryGradient::Rule::Sum)
            html += (samples ? Text::tr("<p>dL/d%1 = Σ of the upstream gradient over the %2 "
                                        "samples of this batch:</p>")
                             : Text::tr("<p>dL/d%1 = Σ of the upstream gradient over the %2 units "
                                        "of this batch:</p>"))
                        .arg(entry.label)
                        .arg(g.terms.size());
        else if (samples)
            html += Text::tr("<p>dL/d%1 = Σ over the %2 samples b of (upstream gradient) · (%3):"
                             "</p>")
                        .arg(entry.label)
                        .arg(g.terms.size())
                        .arg(factorName);
        else
            html += Text::tr("<p>dL/d%1 = Σ over the %2 units i of %3 of (upstream gradient) · "
                             "(%4):</p>")
                        .arg(entry.label)
                        .arg(g.terms.size())
                        .arg(out)
                        .arg(factorName);
        //: A column header: the sample a term of the sum belongs to.
        const QString sampleHeader = Text::tr("sample");
        //: A column header: the unit a term of the sum belongs to.
        const QString unitHeader = Text::tr("unit");
        //: A column header: the upstream gradient's entry in a term of the sum.
        html += kTable + QStringLiteral("<tr><th>%1</th><th>%2</th>")
                             .arg(samples ? sampleHeader : unitHeader, Text::tr("upstream"));
        if (g.rule == EntryGradient::Rule::SumOfProducts) {
            //: A column header: what the upstream gradient is multiplied by.
            const QString factorHeader = Text::tr("× factor");
            //: A column header: upstream gradient × factor.
            html += QStringLiteral("<th>%1</th><th>%2</th>").arg(factorHeader, Text::tr("product"));
        }
        html += QStringLiteral("</tr>");
        const int shown = std::min<int>(kShownTerms, int(g.terms.size()));
        for (int k = 0; k < shown; ++k) {
            const EntryTerm& term = g.terms[std::size_t(k)];
            html += QStringLiteral("<tr>") + cell(QString::number(term.k)) +
                    cell(upstreamAt.arg(indexText(r.upstream.shape(), term.upstreamIndex)) +
                         QStringLiteral(" = ") + exactText(term.upstream));
            if (g.rule == EntryGradient::Rule::SumOfProducts)
                html += cell(factorName + indexText(factorShape, term.factorIndex) +
                             QStringLiteral(" = ") + exactText(term.factor)) +
                        cell(exactText(term.upstream * term.factor));
            else if (term.factor < 0)
                html += cell(Text::tr("(subtracted)"));
            html += QStringLiteral("</tr>");
        }
        const int columns = g.rule == EntryGradient::Rule::SumOfProducts ? 4 : 2;
        if (int(g.terms.size()) > shown)
            html += QStringLiteral("<tr><td colspan=%1>%2</td></tr>")
                        .arg(columns)
                        .arg(Text::tr("… and %1 more terms").arg(int(g.terms.size()) - shown));
        html += QStringLiteral("<tr><td colspan=%1><b>%2</b></td><td><b>%3</b></td></tr>")
                    .arg(columns - 1)
                    .arg(Text::tr("sum of all %1 terms").arg(g.terms.size()), exactText(g.sum));
        html += QStringLiteral("<tr><td colspan=%1>%2</td><td>%3</td></tr></table>")
                    .arg(columns - 1)
                    .arg(Text::tr("what the backward pass sent (float32)"), exactText(g.sent));
        return html;
    }
    case EntryGradient::Rule::Other:
        break;
    }
    html +=
        Text::tr("<p>%1's rule mixes many entries (see its formula above), so there is no single "
                 "product to show. What it sent to %2: <b>%3</b></p>")
            .arg(QString::fromUtf8(opName(r.op)), entry.label, exactText(g.sent));
    return html;
}

QString backwardHtml(const StepTrace& t, const ResolvedEntry& entry, int index) {
    const StepRecord& r = t.backward[std::size_t(index)];
    const bool alone = t.sample >= 0;
    const int samples = alone ? t.sample : t.batch;
    QString html;
    bool touched = false;
    if (r.node == entry.node && entry.flat < r.upstream.numel()) {
        touched = true;
        html += (alone ? Text::tr("<p>dL/d%1 = <b>%2</b>, the gradient of sample #%3 alone.</p>")
                       : Text::tr("<p>dL/d%1 = <b>%2</b>, the gradient of this traced mini-batch "
                                  "of %3.</p>"))
                    .arg(entry.label, exactText(r.upstream[entry.flat]))
                    .arg(samples);
        if (r.contributions.size() > 1) {
            html += Text::tr("<p>It is the sum of what each consumer sent back:</p>") + kTable;
            double sum = 0;
            for (const Contribution& c : r.contributions) {
                const double v = entry.flat < c.gradient.numel() ? c.gradient[entry.flat] : 0;
                sum += v;
                html += row(Text::tr("from %1").arg(nameOf(t, c.fromNode)), v);
            }
            html += row(Text::tr("sum"), sum) + QStringLiteral("</table>");
        }
        if (!r.parameter.empty())
            html +=
                Text::tr("<p>This is the gradient the optimizer uses for %1.</p>").arg(entry.label);
        // An elementwise op passes the entry's gradient on at the same place.
        for (const EdgeStep& e : r.edges)
            if (e.localDerivative && e.gradient.shape() == r.upstream.shape()) {
                html += Text::tr("<p>Sent on to %1%2:</p>")
                            .arg(nameOf(t, e.inputNode), indexText(e.gradient.shape(), entry.flat));
                ResolvedEntry input{e.inputNode,
                                    entry.flat,
                                    nameOf(t, e.inputNode) +
                                        indexText(e.gradient.shape(), entry.flat),
                                    {}};
                html += termsHtml(t, r, e, input);
            }
    }
    for (const EdgeStep& e : r.edges)
        if (e.inputNode == entry.node && entry.flat < e.gradient.numel()) {
            touched = true;
            html += termsHtml(t, r, e, entry);
        }
    if (touched) return html;
    const int k = recordOf(t, entry.node);
    if (k < 0)
        return Text::tr(
                   "<p>%1 gets no gradient in this step: nothing that needs one depends on it.</p>")
            .arg(entry.label);
    if (k > index)
        return Text::tr(
                   "<p>Not reached yet: the backward pass comes to %1 at its step %2 (this is step "
                   "%3). This node does not touch it.</p>")
            .arg(nameOf(t, entry.node))
            .arg(k + 1)
            .arg(index + 1);
    const StepRecord& done = t.backward[std::size_t(k)];
    return (alone ? Text::tr("<p>This node does not touch it. dL/d%1 = <b>%2</b> (the gradient of "
                             "sample #%3 alone, found at backward step %4).</p>")
                  : Text::tr("<p>This node does not touch it. dL/d%1 = <b>%2</b> (the gradient of "
                             "this traced mini-batch of %3, found at backward step %4).</p>"))
        .arg(entry.label, entry.flat < done.upstream.numel() ? exactText(done.upstream[entry.flat])
                                                             : QStringLiteral("—"))
        .arg(samples)
        .arg(k + 1);
}

QString updateHtml(const StepTrace& t, const ResolvedEntry& entry, int index) {
    const UpdateRecord& u = t.updates[std::size_t(index)];
    const ForwardRecord& owner = t.forward[std::size_t(entry.node)];
    if (owner.op != OpKind::Parameter)
        return Text::tr(
                   "<p>%1 is a value the network computes, not a parameter: the optimizer does not "
                   "change it. It changes on the next forward pass, because the weights did.</p>")
            .arg(entry.label);
    if (u.parameter != owner.name || entry.flat >= u.before.numel())
        return Text::tr("<p>This is the update of %1; %2 is updated at its own place in this phase."
                        "</p>")
            .arg(esc(u.parameter), entry.label);
    const Index i = entry.flat;
    QString html = Text::tr("<p>%1 (lr = %2):</p>")
                       .arg(OptimizerPanel::ruleText(t.rule).toHtmlEscaped())
                       .arg(t.learningRate, 0, 'g', 6) +
                   kTable + row(Text::tr("before"), u.before[i]) +
                   row(Text::tr("gradient g (of this traced step)"), u.gradient[i]);
    for (const auto& [name, tensor] : u.state)
        if (i < tensor.numel()) html += row(esc(name), tensor[i]);
    if (i < u.update.numel()) html += row(Text::tr("update Δw"), u.update[i]);
    if (i < u.after.numel()) html += row(Text::tr("after"), u.after[i]);
    return html + QStringLiteral("</table>");
}

} // namespace

FocusEntry FocusEntry::weight(int layer, Index unit, Index input) {
    return {std::to_string(layer) + ".weight", -1, {unit, input}};
}

FocusEntry FocusEntry::bias(int layer, Index unit) {
    return {std::to_string(layer) + ".bias", -1, {unit}};
}

FocusEntry FocusEntry::output(int layer, Index sample, Index unit) {
    return {{}, layer, {sample, unit}};
}

ResolvedEntry resolveEntry(const StepTrace& t, const FocusEntry& focus) {
    ResolvedEntry r;
    if (focus.empty()) return r;
    int node = -1;
    if (!focus.parameter.empty()) {
        for (const ForwardRecord& f : t.forward)
            if (f.op == OpKind::Parameter && f.name == focus.parameter) node = f.node;
        if (node < 0) {
            r.error = Text::tr("This network has no parameter %1.").arg(esc(focus.parameter));
            return r;
        }
    } else {
        node = layerOutputNode(t, focus.layer);
        if (node < 0) {
            r.error = Text::tr("This network has no layer %1.").arg(focus.layer);
            return r;
        }
    }
    const Shape& shape = t.forward[std::size_t(node)].value.shape();
    const Index flat = flatIndex(shape, focus.index);
    if (flat < 0) {
        QStringList parts;
        for (Index i : focus.index)
            parts << QString::number(i);
        const QString shapeText = QString::fromStdString(shape.str());
        r.error = !focus.parameter.empty()
                      ? Text::tr("[%1] is outside %2, which has shape %3.")
                            .arg(parts.join(QStringLiteral(", ")), esc(focus.parameter), shapeText)
                      : Text::tr("[%1] is outside the output of layer %2, which has shape %3.")
                            .arg(parts.join(QStringLiteral(", ")))
                            .arg(focus.layer)
                            .arg(shapeText);
        return r;
    }
    r.node = node;
    r.flat = flat;
    r.label = nameOf(t, node) + indexText(shape, flat);
    return r;
}

QString entryHtml(const StepTrace& t, const ResolvedEntry& entry, TracePhase phase, int index) {
    if (!entry.found())
        return QStringLiteral("<p>%1 %2</p>")
            .arg(entry.error, Text::tr("Pick another under “Follow one entry”."));
    const ForwardRecord& owner = t.forward[std::size_t(entry.node)];
    const double value = owner.value[entry.flat];
    QString html = Text::tr("<h3>Following %1</h3>").arg(entry.label);
    switch (phase) {
    case TracePhase::Forward: {
        const ForwardRecord& f = t.forward[std::size_t(index)];
        if (f.node == entry.node)
            html += (owner.op == OpKind::Parameter
                         ? Text::tr("<p>Computed here: %1 = <b>%2</b> (before this step's update)."
                                    "</p>")
                         : Text::tr("<p>Computed here: %1 = <b>%2</b>.</p>"))
                        .arg(entry.label, exactText(value));
        else if (f.node < entry.node && owner.op != OpKind::Parameter)
            html += Text::tr("<p>Not computed yet: %1 comes later in the forward pass.</p>")
                        .arg(nameOf(t, entry.node));
        else {
            html += Text::tr("<p>%1 = <b>%2</b>.</p>").arg(entry.label, exactText(value));
            if (std::find(f.inputIds.begin(), f.inputIds.end(), entry.node) != f.inputIds.end())
                html += Text::tr("<p>%1 reads it.</p>").arg(esc(f.name));
        }
        break;
    }
    case TracePhase::Loss:
        html += Text::tr("<p>%1 = <b>%2</b>. Its gradient comes in the backward pass.</p>")
                    .arg(entry.label, exactText(value));
        break;
    case TracePhase::Backward:
        html += backwardHtml(t, entry, index);
        break;
    case TracePhase::Update:
        html += updateHtml(t, entry, index);
        break;
    }
    return html;
}

} // namespace gs::ui
