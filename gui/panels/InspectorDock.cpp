#include "gui/panels/InspectorDock.h"
#include "gui/panels/FieldUndo.h"

#include "design/LinkProperties.h"
#include "gui/canvas/DesignScene.h"
#include "gui/commands/ChangeDataCentreCommand.h"
#include "gui/commands/ChangeLabelCommand.h"
#include "gui/commands/ChangeLinkPropertyCommand.h"
#include "gui/commands/ChangePropertyCommand.h"
#include "gui/document/DesignDocument.h"
#include "gui/panels/PropertyForm.h"
#include "render/KindIcons.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace sb::gui {

namespace {

QString problemList(const design::Problems& problems,
                    const std::function<bool(const design::Problem&)>& about) {
    QStringList lines;
    for (const auto& p : problems)
        if (about(p))
            lines << QStringLiteral("<span style='color:%1'>%2</span> %3")
                         .arg(p.isError() ? QStringLiteral("#e03e3e") : QStringLiteral("#e89b1a"),
                              p.isError() ? QStringLiteral("●") : QStringLiteral("▲"),
                              QString::fromStdString(p.message).toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

InspectorDock::InspectorDock(DesignDocument& document, DesignScene& scene, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent)
    , m_document(document)
    , m_scene(scene)
    , m_icon(new QLabel)
    , m_title(new QLabel)
    , m_subtitle(new QLabel)
    , m_label(new QLineEdit)
    , m_labelCaption(new QLabel(tr("Label")))
    , m_problems(new QLabel)
    , m_form(new PropertyForm)
    , m_formArea(new QScrollArea)
    , m_empty(new QLabel) {
    setObjectName(QStringLiteral("inspectorDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(8);

    auto* header = new QGridLayout;
    header->setHorizontalSpacing(10);
    m_icon->setFixedSize(36, 36);
    header->addWidget(m_icon, 0, 0, 2, 1);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setEnabled(false);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_title, 0, 1);
    header->addWidget(m_subtitle, 1, 1);
    header->setColumnStretch(1, 1);
    layout->addLayout(header);

    auto* labelRow = new QHBoxLayout;
    m_label->setObjectName(QStringLiteral("inspectorLabel"));
    passUndoToWindow(m_label);
    m_labelCaption->setBuddy(m_label);
    labelRow->addWidget(m_labelCaption);
    labelRow->addWidget(m_label, 1);
    layout->addLayout(labelRow);

    m_problems->setObjectName(QStringLiteral("inspectorProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    layout->addWidget(m_problems);

    m_formArea->setWidgetResizable(true);
    m_formArea->setFrameShape(QFrame::NoFrame);
    m_formArea->setWidget(m_form);
    layout->addWidget(m_formArea, 1);

    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_empty->setEnabled(false);
    layout->addWidget(m_empty, 1);
    setWidget(body);
    setMinimumWidth(300);

    connect(m_label, &QLineEdit::editingFinished, this, &InspectorDock::commitLabel);
    connect(m_form, &PropertyForm::valueEdited, this,
            [this](const PropertyPath& path, const nlohmann::json& value) {
                if (const auto nodes = m_scene.selectedNodes(); !nodes.empty()) {
                    m_document.undoStack().push(
                        new ChangePropertyCommand(m_document, nodes, path, value));
                } else if (const auto links = m_scene.selectedLinks(); !links.empty()) {
                    m_document.undoStack().push(
                        new ChangeLinkPropertyCommand(m_document, links, path, value));
                } else if (const auto dcs = m_scene.selectedDataCentres(); dcs.size() == 1) {
                    const design::DataCentre* dc = m_document.design().dataCentre(dcs.front());
                    design::DataCentre after = *dc;
                    const std::string text = value.is_string() ? value.get<std::string>() : "";
                    if (path.name == "region")
                        after.region = text.empty() ? "us-east" : text;
                    else if (path.name == "label")
                        after.label = text;
                    if (after != *dc)
                        m_document.undoStack().push(
                            new ChangeDataCentreCommand(m_document, *dc, after));
                }
            });
    auto queueRefresh = [this] {
        if (m_refreshQueued)
            return;
        m_refreshQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_refreshQueued = false;
            refresh();
        });
    };
    connect(&m_scene, &QGraphicsScene::selectionChanged, this, &InspectorDock::refresh);
    connect(&m_document, &DesignDocument::changed, this, [queueRefresh](const ChangeEvent& e) {
        if (e.type != ChangeEvent::Type::NodeMoved)
            queueRefresh();
    });
    connect(&m_document, &DesignDocument::problemsChanged, this, queueRefresh);
    refresh();
}

void InspectorDock::refresh() {
    const design::Design& d = m_document.design();
    const auto nodes = m_scene.selectedNodes();
    const auto links = m_scene.selectedLinks();
    const auto dcs = m_scene.selectedDataCentres();
    auto showForm = [this](bool form) {
        m_formArea->setVisible(form);
        m_empty->setVisible(!form);
    };
    m_label->setVisible(false);
    m_labelCaption->setVisible(false);
    m_icon->setVisible(true);
    m_problems->clear();
    m_problems->setVisible(false);

    if (!nodes.empty()) {
        const design::Node* first = d.node(nodes.front());
        const bool oneKind = std::all_of(nodes.begin(), nodes.end(), [&](const auto& id) {
            return d.node(id)->kind == first->kind;
        });
        const design::ComponentDescriptor* descriptor = m_document.catalog().find(first->kind);
        m_icon->setPixmap(render::KindIcons::icon(descriptor ? descriptor->iconName : first->kind)
                              .pixmap(QSize(36, 36), devicePixelRatioF()));
        if (!oneKind || !descriptor) {
            m_title->setText(tr("%n nodes", "", int(nodes.size())));
            m_subtitle->setText(
                oneKind ? tr("Unknown kind “%1”").arg(QString::fromStdString(first->kind))
                        : tr("of different kinds"));
            m_empty->setText(tr("Select nodes of one kind to edit their properties together."));
            showForm(false);
            return;
        }
        const QString kindName = QString::fromStdString(descriptor->displayName);
        if (nodes.size() == 1) {
            m_title->setText(QString::fromStdString(first->shownName()));
            m_subtitle->setText(
                QStringLiteral("%1 · %2%3")
                    .arg(kindName, QString::fromStdString(first->id.value),
                         first->dc.empty()
                             ? QString()
                             : QStringLiteral(" · ") + QString::fromStdString(first->dc)));
            m_label->setVisible(true);
            m_labelCaption->setVisible(true);
            if (!m_label->hasFocus())
                m_label->setText(QString::fromStdString(first->label));
            const std::string id = first->id.value;
            const QString issues =
                problemList(m_document.problems(), [&](const design::Problem& p) {
                    return p.node == id || p.link.starts_with(id + "->");
                });
            m_problems->setText(issues);
            m_problems->setVisible(!issues.isEmpty());
        } else {
            m_title->setText(tr("%n × %1", "", int(nodes.size())).arg(kindName));
            m_subtitle->setText(tr("Edits apply to every selected node"));
        }
        std::vector<nlohmann::json> props;
        for (const auto& id : nodes)
            props.push_back(d.node(id)->props);
        m_form->setProperties(QStringLiteral("kind:") + QString::fromStdString(first->kind),
                              descriptor->properties, props);
        showForm(true);
        return;
    }
    if (!links.empty()) {
        m_icon->setVisible(false);
        m_title->setText(links.size() == 1 ? tr("Link") : tr("%n links", "", int(links.size())));
        m_subtitle->setText(
            links.size() == 1
                ? QStringLiteral("%1 → %2").arg(QString::fromStdString(links.front().from.value),
                                                QString::fromStdString(links.front().to.value))
                : tr("Edits apply to every selected link"));
        std::vector<nlohmann::json> props;
        for (const auto& id : links)
            props.push_back(d.link(id)->props);
        // The sending kind's own link properties show when every link leaves the same kind.
        const std::string& senderKind = d.node(links.front().from)->kind;
        const bool oneSender = std::all_of(links.begin(), links.end(), [&](const auto& id) {
            return d.node(id.from)->kind == senderKind;
        });
        const design::ComponentDescriptor* sender =
            oneSender ? m_document.catalog().find(senderKind) : nullptr;
        m_form->setProperties(QStringLiteral("link:") +
                                  QString::fromStdString(sender ? sender->kind : std::string()),
                              design::linkPropertiesFrom(sender), props);
        if (links.size() == 1) {
            const std::string name = links.front().from.value + "->" + links.front().to.value;
            const QString issues = problemList(
                m_document.problems(), [&](const design::Problem& p) { return p.link == name; });
            m_problems->setText(issues);
            m_problems->setVisible(!issues.isEmpty());
        }
        showForm(true);
        return;
    }
    if (dcs.size() == 1) {
        const design::DataCentre* dc = d.dataCentre(dcs.front());
        m_icon->setPixmap(
            render::KindIcons::icon("datacenter").pixmap(QSize(36, 36), devicePixelRatioF()));
        m_title->setText(QString::fromStdString(dc->shownName()));
        const auto members =
            std::count_if(d.nodes.begin(), d.nodes.end(),
                          [&](const design::Node& n) { return n.dc == dc->id.value; });
        m_subtitle->setText(tr("Data centre · %1 · %n node(s)", "", int(members))
                                .arg(QString::fromStdString(dc->id.value)));
        nlohmann::json props = {{"region", dc->region}, {"label", dc->label}};
        m_form->setProperties(QStringLiteral("datacentre"), design::dataCentreProperties(),
                              {props});
        showForm(true);
        return;
    }
    m_icon->setVisible(false);
    m_title->setText(QString::fromStdString(d.name.empty() ? "Untitled design" : d.name));
    m_subtitle->setText(tr("%n node(s)", "", int(d.nodes.size())) + QStringLiteral(" · ") +
                        tr("%n link(s)", "", int(d.links.size())) + QStringLiteral(" · ") +
                        tr("%n data centre(s)", "", int(d.datacentres.size())));
    const QString issues =
        problemList(m_document.problems(), [](const design::Problem&) { return true; });
    m_problems->setText(issues);
    m_problems->setVisible(!issues.isEmpty());
    m_empty->setText(tr("Select a node, a link or a data centre to edit it. Drag components "
                        "from the palette onto the canvas; drag from a node's right-hand "
                        "handle to another node to link them."));
    showForm(false);
}

void InspectorDock::commitLabel() {
    const auto nodes = m_scene.selectedNodes();
    if (nodes.size() != 1 || !m_label->isModified())
        return;
    m_label->setModified(false);
    const design::Node* n = m_document.node(nodes.front());
    const std::string label = m_label->text().simplified().toStdString();
    if (n && !label.empty() && label != n->label)
        m_document.undoStack().push(new ChangeLabelCommand(m_document, nodes.front(), label));
}

} // namespace sb::gui
