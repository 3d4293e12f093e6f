"""Writes the PDF pages of the evaluation corpus (committed; rerun only to change them).

    python tests/eval/make_pdfs.py

A three-page report laid out as such reports are: a running header and "Page N of 3" on every
page, words hyphenated at line ends, a paragraph (and a quotation) running over a page break,
and a footnote at the foot of a page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

PAGES = Path(__file__).resolve().parent / "pages"
HEADER = "Harbour Rights Monitor | Annual Report 2023"

REPORT = [
    [
        "1. Summary",
        "",
        "In 2023 the Monitor documented 214 cases of arbitrary detention in the three",
        "northern provinces, compared with 137 in 2022. Most of those detained were held",
        "without charge for more than the 48 hours allowed by law, and at least 19 said",
        "they had been beaten during interrogation.",
        "",
        "The interior ministry did not respond to our findings. In a letter dated 12 Octo-",
        "ber 2023, the ministry's legal adviser wrote that \"the security services act within",
        "the law at all times, and any complaint of mistreatment is investigated prompt-",
        "ly and impartially.\" Our research does not support that claim.",
        "",
        "Families described a pattern of obstruction. \"They told us our son did not exist",
        "in their records, and then, three weeks later, a prosecutor called to say he had",
        "confessed,\" the mother of one detainee told researchers in Port Selim.1",
        "",
        "1 Interview conducted in Port Selim on 4 May 2023; name withheld for her safety.",
    ],
    [
        "2. Recommendations",
        "",
        "The Monitor calls on the government to open every place of detention to indepen-",
        "dent inspection, to publish the number of people held in each facility, and to",
        "bring the rules on pre-trial detention into line with the constitution. In the words",
        "of the former chief justice, who spoke at the launch of this report, \"a state that",
        "cannot say how many people it is holding, or where, has already lost control of its",
        "own prisons, and it cannot ask its citizens to trust its courts until it has regained",
    ],
    [
        "that control.\" We share that view and urge parliament to act on it before the end",
        "of the current session.",
        "",
        "The Monitor will publish a follow-up assessment in June 2024.",
    ],
]


def write_pages(path: Path, pages: list[list[str]], *, header: str, header_style: str,
                page_label: str, label_x: float, created: datetime,
                font: str = "Helvetica") -> None:
    """Lines set page by page under a running header, each page numbered at its foot."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    if font != "Helvetica":  # a TrueType file, for characters Helvetica lacks (ligatures)
        pdf.add_font("Body", fname=font)
        pdf.add_font("Body", style="B", fname=font)
    family = "Helvetica" if font == "Helvetica" else "Body"
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font(family, style=header_style, size=9)
        pdf.set_xy(15, 10)
        pdf.cell(0, 6, header)
        pdf.set_font(family, size=11)
        pdf.set_xy(15, 25)
        for line in lines:
            pdf.set_x(15)
            pdf.cell(0, 6, line)
            pdf.ln(6)
        pdf.set_font(family, size=9)
        pdf.set_xy(label_x, 280)
        pdf.cell(0, 6, page_label.format(number=number, count=len(pages)))
    pdf.set_creation_date(created)  # the same file on every run
    path.write_bytes(bytes(pdf.output()))


def write_report(path: Path) -> None:
    write_pages(path, REPORT, header=HEADER, header_style="", page_label="Page {number} of {count}",
                label_x=15, created=datetime(2024, 1, 15, tzinfo=UTC))


# The held-out set's PDF (holdout_cases.toml): a two-page briefing from an aid agency with a
# bulleted list of findings, British spelling, figures, a hyphenated word at a line end and a
# quotation running over the page break.
BRIEF_HEADER = "Relief Coordination Office - Briefing Note 7/2024"

BRIEF = [
    [
        "Key findings",
        "",
        "- 1.4 million people in the eastern districts need food assistance, up from",
        "  900,000 in January.",
        "- Only 38 per cent of the humanitarian programme for 2024 has been funded.",
        "- Three of the five border crossings have been closed since 2 March.",
        "",
        "The Office's coordinator said the situation had deteriorated faster than any",
        "organisation had predicted. \"We are rationing food in the camps, and we have",
        "had to choose which families receive it first. No humanitarian worker should",
        "ever have to make that choice,\" she told donors at a meeting in Geneva. The",
        "Office estimates that an additional 240 million dollars is needed to main-",
        "tain operations until the end of the year. Partner organisations have warned",
        "that the next harvest is likely to fail, because farmers could not plant their",
        "fields during the fighting. \"If the crossings do not reopen within weeks, we",
    ],
    [
        "will see famine conditions in at least two districts before the summer,\" the",
        "coordinator added.",
        "",
        "The Office will update this note when new figures are available.",
    ],
]


def write_brief(path: Path) -> None:
    write_pages(path, BRIEF, header=BRIEF_HEADER, header_style="B", page_label="{number}",
                label_x=180, created=datetime(2024, 4, 2, tzinfo=UTC))


# The second held-out set's PDF (holdout2_cases.toml): a one-page audit summary with "per cent",
# a hyphenated word at a line end, a quotation running over three lines and a footnote marker.
AUDIT_HEADER = "Office of the Auditor-General - Report 12 of 2024"

AUDIT = [
    [
        "Summary of findings",
        "",
        "The Water Authority spent 14 per cent more on its capital programme than",
        "planned, and completed fewer than half of the projects it had committed to.",
        "",
        "In her foreword, the Auditor-General writes: \"The Authority did not know, at any",
        "point in the last three years, how many of its pipes were at risk of failure. A",
        "body that cannot answer that question cannot set priorities, and it cannot ex-",
        "pect the public to accept higher charges.\"",
        "",
        "The Authority accepted all eleven recommendations and said it would report",
        "back to the Public Accounts Committee by December.",
    ],
]


def write_audit(path: Path) -> None:
    write_pages(path, AUDIT, header=AUDIT_HEADER, header_style="", page_label="{number}",
                label_x=100, created=datetime(2024, 7, 9, tzinfo=UTC))


# The third held-out set's PDF (holdout3_cases.toml): a typeset inquiry report whose text
# carries the ligature characters (U+FB01 fi, U+FB02 fl) some PDF fonts map words to, words
# hyphenated at line ends (one inside a ligature), and a quotation running over a page break.
# DejaVu Sans (free licence) is embedded, since Helvetica has no ligature glyphs.
LIGATURE_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
INQUIRY_HEADER = "Independent Inquiry into the Riverside Flood Defences - Final Report"

INQUIRY = [
    [
        "Chapter 4: Findings",
        "",
        "4.1 The Inquiry \ufb01nds that the \ufb02ood barrier at Riverside failed because of a",
        "\ufb02aw in its design that the Environment Agency identi\ufb01ed in 2017 and did not",
        "\ufb01x. The cost of the damage is estimated at 310 million pounds.",
        "",
        "4.2 Witnesses gave con\ufb02icting accounts of who was told. The Agency's former",
        "chief engineer, Margaret Oyelaran, told the Inquiry: \"I raised the \ufb02aw in writing",
        "with my director on three occasions. I was told each time that there was no",
        "money in the budget to \ufb01x it, and that the risk was acceptable.\"",
        "",
        "4.3 The director, Graham Pellew, accepted that the warnings were received but",
        "said their signi\ufb01-",
        "cance was not clear to him at the time. \"With hindsight, I should have escalated",
        "it. I did not, and I have to live with the consequences of that,\" he said.",
        "",
        "4.4 The Inquiry is satis\ufb01ed that the \ufb01nancial constraints were real, but \ufb01nds",
        "that they do not justify the decision to leave a known \ufb02aw unrepaired for",
    ],
    [
        "more than six years. As one resident put it in evidence, \"We were told we were",
        "safe. Nobody told us the barrier had a \ufb02aw, and nobody has said sorry.\"",
        "",
        "4.5 The Inquiry's recommendations are set out in Chapter 5.",
    ],
]


def write_inquiry(path: Path) -> None:
    write_pages(path, INQUIRY, header=INQUIRY_HEADER, header_style="",
                page_label="- {number} -", label_x=100, created=datetime(2024, 9, 3, tzinfo=UTC),
                font=LIGATURE_FONT)


# The sixth held-out set's PDF (holdout6_cases.toml): a one-page press release set in two
# columns under a full-width headline, a sentence running from the foot of the left column to
# the head of the right one, a boxed pull-quote drawn as a frame of its own after the columns,
# "ENDS" and notes to editors.
RELEASE_LEFT = [
    "Northgate Water today announced a six-year",
    "programme to replace 600 kilometres of Victorian",
    "water mains across the region, the largest such",
    "investment in the company's history.",
    "",
    "Chief executive Ruth Adeyemi said: \"Our pipes",
    "were laid when Victoria was on the throne, and",
    "too many of them are failing. Every burst main",
    "means a street without water and a road dug up",
    "for days. This programme will end that.\"",
    "",
    "The work will begin in Sunderland in September",
    "and is expected to cost £410 million, which the",
]
RELEASE_RIGHT = [
    "company says will be met without any increase",
    "in bills beyond inflation.",
    "",
    "",
    "",
    "",
    "",
    "Leakage fell by 9 per cent last year but remains",
    "above the regulator's target. Ms Adeyemi said the",
    "company \"will not take a single penny in",
    "dividends until the leakage target is met\".",
    "",
    "ENDS",
    "",
    "Notes to editors",
    "1. Northgate Water supplies 2.6 million customers",
    "in the north-east of England.",
    "2. Media contact: press@northgatewater.example",
]


def write_press_release(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=9)
    pdf.set_xy(15, 10)
    pdf.cell(0, 6, "NORTHGATE WATER - PRESS RELEASE")
    pdf.set_xy(15, 16)
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 6, "For immediate release: 3 June 2024")
    pdf.set_font("Helvetica", style="B", size=15)
    pdf.set_xy(15, 28)
    pdf.cell(0, 8, "Northgate Water to replace 600 km of Victorian mains by 2030")
    pdf.set_font("Helvetica", size=9.5)
    for x, lines in ((15, RELEASE_LEFT), (110, RELEASE_RIGHT)):
        pdf.set_xy(x, 45)
        for line in lines:
            pdf.set_x(x)
            pdf.cell(85, 5, line)
            pdf.ln(5)
    pdf.set_font("Helvetica", style="I", size=12)
    pdf.rect(110, 58, 85, 22)
    pdf.set_xy(113, 62)
    pdf.cell(80, 6, '"Every burst main means a street')
    pdf.set_xy(113, 69)
    pdf.cell(80, 6, 'without water."')
    pdf.set_creation_date(datetime(2024, 6, 3, tzinfo=UTC))
    path.write_bytes(bytes(pdf.output()))


# The tenth held-out set's PDFs (holdout10_cases.toml). A slip opinion of a supreme court: a
# running head ("Cite as: ...", the page number, "Opinion of the Court"), footnote numbers set
# right after a word, a comma or a closing quotation mark, footnotes under a rule at the foot of
# the first page, and a sentence running from above those footnotes to the next page.
OPINION = [
    (["JUSTICE MORROW delivered the opinion of the Court.",
      "",
      "The Federal Motor Carrier Safety Administration fined petitioner $1.2 million for",
      "hours-of-service violations under a rule that, in the agency's words, was \"effective",
      "immediately upon publication.\"1 The question presented is whether an agency that",
      "skips notice and comment may defend the rule in court on a ground it did not",
      "invoke when it acted. We hold that it may not.",
      "",
      "The Court of Appeals reasoned that the rule \"would have issued in identical form",
      "had the agency taken comments,\"2 and so treated the omission as harmless. But the",
      "harmless-error rule of the Administrative Procedure Act does not license a court",
      "to supply a reason the agency never gave. As we explained in SEC v. Chenery Corp.,",
      "332 U. S. 194 (1947), a reviewing court \"must judge the propriety of such action",
      "solely by the grounds invoked by the agency.\" Id., at 196. Under that principle, an",
      "agency that wishes to rely on good cause must say so at the time, and the agency",
      "here did not. Because the Government concedes that no finding of good cause was",
      "made,3 the agency may not"],
     ["1 82 Fed. Reg. 41223 (2017).",
      "2 61 F. 4th 902, 911 (CA5 2023).",
      "3 Brief for Respondents 14; Tr. of Oral Arg. 37."]),
    (["now rely on a rationale it did not give when it acted. The judgment of the Court",
      "of Appeals is reversed, and the case is remanded for further proceedings con-",
      "sistent with this opinion.",
      "",
      "It is so ordered."],
     []),
]


def write_opinion(path: Path) -> None:
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    for number, (lines, notes) in enumerate(OPINION, start=2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(20, 10)
        pdf.cell(100, 5, "Cite as: 602 U. S. ____ (2024)")
        pdf.set_xy(185, 10)
        pdf.cell(10, 5, str(number))
        pdf.set_xy(20, 16)
        pdf.cell(176, 5, "Opinion of the Court", align="C")
        pdf.set_font("Times", size=12)
        pdf.set_xy(20, 28)
        for line in lines:
            pdf.set_x(20)
            pdf.cell(0, 6.5, line)
            pdf.ln(6.5)
        if notes:
            pdf.line(20, 232, 70, 232)
            pdf.set_font("Times", size=9.5)
            pdf.set_xy(20, 235)
            for note in notes:
                pdf.set_x(20)
                pdf.cell(0, 5, note)
                pdf.ln(5)
    pdf.set_creation_date(datetime(2024, 6, 27, tzinfo=UTC))
    path.write_bytes(bytes(pdf.output()))


# A parliamentary bill as printed: a running head, clause headings, and line numbers every five
# lines in the left margin (restarting on each page), the bill's number in the footer.
BILL = [
    ["Part 1",
     "Remuneration and reporting",
     "1   Performance-related pay",
     "(1) A water company may not award a bonus or other performance-related payment",
     "to a director for any financial year in which the company has committed a",
     "category 1 or category 2 pollution incident.",
     "(2) In subsection (1), \"performance-related payment\" includes any payment in",
     "shares, share options or deferred remuneration, whether made during or after",
     "the financial year concerned.",
     "(3) The Authority must publish, before the end of each financial year, a list of",
     "the companies to which subsection (1) applied in the previous financial year,",
     "together with the total value of the payments withheld.",
     "2   Duty to report discharges",
     "(1) Every sewerage undertaker must report each discharge of untreated sewage",
     "from a storm overflow to the Authority within 12 hours of its start, stating its",
     "location, its duration and the volume discharged, and must publish the same",
     "information on its website within 24 hours.",
     "(2) A sewerage undertaker that fails to comply with subsection (1) commits an",
     "offence and is liable on summary conviction to a fine."],
    ["(3) It is a defence for a sewerage undertaker charged with an offence under",
     "subsection (2) to show that the discharge was caused by exceptional rainfall",
     "and that it took all reasonable steps to prevent it.",
     "3   Commencement",
     "(1) This Act comes into force at the end of the period of two months beginning",
     "with the day on which it is passed."],
]


def write_bill(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for lines in BILL:
        pdf.add_page()
        pdf.set_font("Helvetica", style="I", size=9)
        pdf.set_xy(30, 10)
        pdf.cell(150, 5, "Water Companies (Accountability) Bill", align="C")
        pdf.set_xy(30, 25)
        counted = 0
        for line in lines:
            # a part, a clause's number and title, a heading: not counted in the margin
            heading = line[:1].isdigit() or line[:1].isupper() and len(line) < 40
            pdf.set_font("Helvetica", style="B" if heading else "", size=10.5)
            pdf.set_x(30)
            y = pdf.get_y()
            pdf.cell(150, 6, line)
            if not heading:
                counted += 1
                if counted % 5 == 0:
                    pdf.set_font("Helvetica", size=7)
                    pdf.set_xy(18, y)
                    pdf.cell(8, 6, str(counted), align="R")
            pdf.set_xy(30, y + 6)
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(30, 282)
        pdf.cell(75, 5, "Bill 52")
        pdf.cell(75, 5, "59/1", align="R")
    pdf.set_creation_date(datetime(2024, 10, 16, tzinfo=UTC))
    path.write_bytes(bytes(pdf.output()))


# The eleventh held-out set's PDF (holdout11_cases.toml): a policy brief set in two columns on
# two pages with DejaVu's ligature characters (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ), a word hyphenated inside a
# ligature at the foot of the left column, a running head and page number at the top of each
# page, and a quotation running from the foot of page 1's right column over the page break to
# the head of page 2's left column.
POLICY_HEAD = "Coastal Futures Institute | Policy Brief 9 | Flood insurance"
POLICY = [
    ([
        "Summary",
        "",
        "The \ufb01gures in this brief show that \ufb02ood",
        "insurance is now una\ufb00ordable for one",
        "household in ten in the most exposed",
        "coastal wards. The government's reinsu-",
        "rance scheme, Flood Re, was designed to",
        "keep premiums a\ufb00ordable until 2039, but",
        "its e\ufb03ciency depends on the o\ufb03cial",
        "\ufb02ood maps being kept up to date. Our",
        "analysis \ufb01nds that they are not: one map",
        "in four has not been revised since 2014, a",
        "gap that insurers have been quick to ex-",
        "ploit and slow to admit. The brief sets out",
        "why this matters and what should be",
        "done about it, beginning with a statutory",
        "duty to update every map within \ufb01ve",
        "years, and ending with the su\ufb00icient",
        "funding of local \ufb02ood o\ufb03-",
    ], [
        "cers, whose posts have been cut by a",
        "third since 2015.",
        "",
        "The Institute's director, Dr Hannah Bol-",
        "ton, said: \"No family should \ufb01nd out",
        "that its home is uninsurable from a letter",
        "sent after the \ufb02ood. The maps are the",
        "foundation of the whole system, and we",
        "have allowed them to crumble. Fixing them",
        "would cost less than the claims paid out",
        "after a single bad winter, and it would",
        "give every household in a \ufb02ood zone a",
        "fair chance of being",
    ]),
    ([
        "insured at a price it can a\ufb00ord.\"",
        "",
        "Insurers reject the claim. The Associa-",
        "tion of British Insurers said the industry",
        "\"uses the best available data and",
        "supplements the o\ufb03cial maps with its",
        "own modelling\".",
    ], [
        "Recommendations",
        "",
        "1. A statutory duty to revise every",
        "\ufb02ood map within \ufb01ve years.",
        "2. Ring-fenced funding for local \ufb02ood",
        "o\ufb03cers.",
        "3. An annual report to Parliament on the",
        "reach of Flood Re.",
    ]),
]


def write_policy_brief(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("Body", fname=LIGATURE_FONT)
    for number, (left, right) in enumerate(POLICY, start=1):
        pdf.add_page()
        pdf.set_font("Body", size=8)
        pdf.set_xy(15, 10)
        pdf.cell(150, 5, POLICY_HEAD)
        pdf.set_xy(185, 10)
        pdf.cell(10, 5, str(number), align="R")
        pdf.set_font("Body", size=10)
        for x, lines in ((15, left), (110, right)):
            pdf.set_xy(x, 25)
            for line in lines:
                pdf.set_x(x)
                pdf.cell(85, 5.5, line)
                pdf.ln(5.5)
    pdf.set_creation_date(datetime(2024, 11, 20, tzinfo=UTC))
    path.write_bytes(bytes(pdf.output()))


if __name__ == "__main__":
    write_report(PAGES / "en_rights_report.pdf")
    write_brief(PAGES / "holdout" / "en_relief_brief.pdf")
    write_audit(PAGES / "holdout2" / "en_audit_summary.pdf")
    write_inquiry(PAGES / "holdout3" / "en_inquiry_ligatures.pdf")
    write_press_release(PAGES / "holdout6" / "en_press_release.pdf")
    write_opinion(PAGES / "holdout10" / "en_slip_opinion.pdf")
    write_bill(PAGES / "holdout10" / "en_bill_lines.pdf")
    write_policy_brief(PAGES / "holdout11" / "en_policy_brief_columns.pdf")
