<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fil_PH" sourcelanguage="en_US">
<context>
    <name>AgentPreview</name>
    <message>
        <location filename="../desktop/ui/trainer/agent_preview.py" line="+86"/>
        <source>Hidden for agents on this account: needs {0} (account policy: {1}).</source>
        <translation>Nakatago sa agents sa account na ito: kailangan ng {0} (account policy: {1}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Agents cannot see this card: line {0}</source>
        <translation>Hindi makikita ng mga agent ang card na ito: linya {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DRAFT: agents do not see this card until it is approved. Placeholders show sample values.</source>
        <translation>DRAFT: hindi ito nakikita ng mga agent hangga&apos;t hindi na-a-approve. Sample values ang nasa mga placeholder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As agents see it; placeholders show sample values.</source>
        <translation>Ganito ang nakikita ng mga agent; sample values ang nasa mga placeholder.</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <location filename="../desktop/ui/alert_banner.py" line="+99"/>
        <source>Alerts</source>
        <translation>Mga alerto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Isara</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss this alert</source>
        <translation>Isara ang alertong ito</translation>
    </message>
</context>
<context>
    <name>BlankPrompt</name>
    <message>
        <location filename="../desktop/core/blanks.py" line="+45"/>
        <source>Customer name</source>
        <translation>Pangalan ng customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue</source>
        <translation>Concern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name</source>
        <translation>Pangalan mo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes</source>
        <translation>Minuto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Petsa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Oras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference number</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeframe</source>
        <translation>Timeframe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Halaga</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct number</source>
        <translation>Direct number</translation>
    </message>
    <message>
        <location filename="../desktop/ui/blank_prompt.py" line="+166"/>
        <source>Fill in the blanks before copying (Enter copies, Esc copies nothing):</source>
        <translation>Punan muna ang mga blangko bago kopyahin (Enter para kopyahin, Esc para hindi kopyahin):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>Kopyahin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Kanselahin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill in the blanks</source>
        <translation>Punan ang mga blangko</translation>
    </message>
</context>
<context>
    <name>CallToolsPanel</name>
    <message>
        <location filename="../desktop/ui/call_tools.py" line="+621"/>
        <location line="+1"/>
        <source>End call</source>
        <translation>Tapusin ang tawag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear notes and customer details, stop the hold timer, reset warnings</source>
        <translation>Burahin ang notes at detalye ng customer, ihinto ang hold timer, i-reset ang mga babala</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call</source>
        <translation>Tawag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details for this card</source>
        <translation>Detalye para sa card na ito</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customer name</source>
        <translation>Pangalan ng customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue</source>
        <translation>Isyu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent name</source>
        <translation>Pangalan ng agent</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fills {customer}</source>
        <translation>Pumupuno sa {customer}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fills {issue}</source>
        <translation>Pumupuno sa {issue}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fills {agent}</source>
        <translation>Pumupuno sa {agent}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main points — what the customer said</source>
        <translation>Mga pangunahing punto — ang sinabi ng customer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fills {placeholder}</source>
        <translation>Pumupuno sa {placeholder}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes (for {minutes})</source>
        <translation>Minuto (para sa {minutes})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many more minutes you told the customer</source>
        <translation>Ilang minuto pa ang sinabi mo sa customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check back with the customer now</source>
        <translation>Balikan na ang customer ngayon</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Abusive caller</source>
        <translation>Bastos na caller</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Warning given</source>
        <translation>Nabigyan ng babala</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>I-reset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset warnings</source>
        <translation>I-reset ang mga babala</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each time the caller is abusive, press “Warning given” and read the phrase shown.</source>
        <translation>Tuwing magiging bastos ang caller, pindutin ang “Nabigyan ng babala” at basahin ang phrase na lalabas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Policy: you may end the call</source>
        <translation>Ayon sa policy: puwede mo nang tapusin ang tawag</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take a moment</source>
        <translation>Huminga muna sandali</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>Laktawan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip recovery break</source>
        <translation>Laktawan ang recovery break</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Thank you for waiting, {customer}. I&apos;m still working on it. May I keep you on hold a little longer?</source>
        <translation>Salamat po sa paghihintay, {customer}. Inaasikaso ko pa rin po ito. Puwede ko po ba kayong i-hold nang kaunti pa?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Breathe in slowly, and out slowly.</source>
        <translation>Huminga nang dahan-dahan, at dahan-dahang ibuga.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stand up and stretch.</source>
        <translation>Tumayo at mag-stretch.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Drink some water.</source>
        <translation>Uminom ng tubig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I asked you to stop using that language, and it has continued. As I explained, I&apos;m ending this call now.</source>
        <translation>Pinakiusapan ko po kayong itigil ang ganyang pananalita, pero nagpapatuloy pa rin po ito. Gaya ng nabanggit ko, tatapusin ko na po ang tawag na ito.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{customer}, I want to help you, but please stop using that language. If it continues, I will have to end the call.</source>
        <translation>{customer}, gusto ko po kayong tulungan, pero pakiusap, itigil po natin ang ganyang pananalita. Kung magpapatuloy po ito, mapipilitan akong tapusin ang tawag.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>End hold</source>
        <translation>Tapusin ang hold</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start hold</source>
        <translation>Simulan ang hold</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On hold for {time}</source>
        <translation>Naka-hold nang {time}</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Warnings: {count} / {limit}</source>
        <translation>Mga babala: {count} / {limit}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Recovery break: {time} left</source>
        <translation>Recovery break: {time} na lang</translation>
    </message>
</context>
<context>
    <name>CardColumn</name>
    <message>
        <location filename="../desktop/ui/card_view.py" line="+363"/>
        <source>Why:</source>
        <translation>Bakit:</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 version</source>
        <translation>Bersyong %1</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Say</source>
        <translation>Sabihin</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Don’t say</source>
        <translation>Huwag sabihin</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>%1 copies the phrase with that number from this column</source>
        <translation>Kinokopya ng %1 ang phrase na may ganoong numero sa column na ito</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Don’t say these</source>
        <translation>Huwag itong sabihin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No %1 version of this card yet.</source>
        <translation>Wala pang bersyong %1 ang card na ito.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy phrase %1 (%2)</source>
        <translation>Kopyahin ang phrase %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy this phrase</source>
        <translation>Kopyahin ang phrase na ito</translation>
    </message>
</context>
<context>
    <name>CardEditor</name>
    <message>
        <location filename="../desktop/ui/trainer/editor.py" line="+168"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create translation</source>
        <translation>Gumawa ng salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent view</source>
        <translation>Agent view</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rendered</source>
        <translation>Rendered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file changed on disk since you opened it. Saving will show both versions and let you choose.</source>
        <translation>Nabago ang file na ito sa disk mula nang buksan mo. Kapag nag-save ka, ipapakita ang dalawang bersyon at ikaw ang pipili.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>No Filipino version yet.</source>
        <translation>Wala pang bersyong Filipino.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No English version yet.</source>
        <translation>Wala pang bersyong English.</translation>
    </message>
</context>
<context>
    <name>CardListPanel</name>
    <message>
        <location filename="../desktop/ui/trainer/panels.py" line="+90"/>
        <source>Cards</source>
        <translation>Mga card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter: title or text, English or Filipino</source>
        <translation>Filter: title o text, English o Filipino</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>Yugto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flags</source>
        <translation>Mga flag</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>FIL missing</source>
        <translation>Walang FIL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EN missing</source>
        <translation>Walang EN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FIL outdated</source>
        <translation>Luma na ang FIL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EN outdated</source>
        <translation>Luma na ang EN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>review due</source>
        <translation>dapat i-review</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n error</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n babala</numerusform>
            <numerusform>%n babala</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardPreview</name>
    <message>
        <location filename="../desktop/ui/trainer/preview.py" line="+63"/>
        <source>DRAFT: agents do not see this card until it is approved.</source>
        <translation>DRAFT: hindi ito nakikita ng mga agent hangga&apos;t hindi na-a-approve.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n TODO line(s) are hidden from agents.</source>
        <translation>
            <numerusform>%n TODO na linya ang nakatago sa mga agent.</numerusform>
            <numerusform>%n TODO na linya ang nakatago sa mga agent.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not a valid card yet, line</source>
        <translation>Hindi pa wastong card, linya</translation>
    </message>
</context>
<context>
    <name>CardView</name>
    <message>
        <location filename="../desktop/ui/card_view.py" line="+206"/>
        <source>Type what the customer says, or pick a call stage above. Enter copies the first phrase.</source>
        <translation>I-type ang sinasabi ng customer, o pumili ng yugto ng tawag sa itaas. Kinokopya ng Enter ang unang phrase.</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copied phrase %1 (%2)</source>
        <translation>Nakopya ang phrase %1 (%2)</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Phone</source>
        <translation>Telepono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Review due</source>
        <translation>Dapat nang i-review</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This card was due for review on %1. Tell your trainer if it looks out of date.</source>
        <translation>Dapat na-review ang card na ito noong %1. Sabihan ang trainer mo kung mukhang luma na.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Type the customer&apos;s main points in Notes; they appear here to read back.</source>
        <translation>I-type sa Notes ang mga pangunahing punto ng customer; lalabas sila rito para basahin pabalik.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unpin this card (Ctrl+P)</source>
        <translation>I-unpin ang card na ito (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin this card (Ctrl+P)</source>
        <translation>I-pin ang card na ito (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Selected card</source>
        <translation>Napiling card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EN</source>
        <translation>EN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Both</source>
        <translation>Pareho</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FIL</source>
        <translation>FIL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the English card only</source>
        <translation>English na card lang ang ipakita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show English and Filipino side by side</source>
        <translation>Ipakita nang magkatabi ang English at Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the Filipino card only</source>
        <translation>Filipino na card lang ang ipakita</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Card title</source>
        <translation>Pamagat ng card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage and situation</source>
        <translation>Yugto at sitwasyon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read back the main points</source>
        <translation>Basahin pabalik ang mga pangunahing punto</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Copy the notes</source>
        <translation>Kopyahin ang notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy confirmation</source>
        <translation>Kumpirmasyon ng pagkopya</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hint</source>
        <translation>Tip</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Copied the notes</source>
        <translation>Nakopya ang notes</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../desktop/ui/trainer/dialogs.py" line="+111"/>
        <source>File changed on disk</source>
        <translation>Nabago ang file sa disk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} was deleted on disk after you opened it. Keep your version (it will be written again) or cancel.</source>
        <translation>Binura sa disk ang {0} matapos mo itong buksan. Panatilihin ang bersyon mo (isusulat itong muli) o i-cancel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} was changed on disk by someone else while you edited it. Their changes to other lines are merged in; these lines were changed on both sides. Choose for each, then Merge.</source>
        <translation>Binago ng iba ang {0} sa disk habang ine-edit mo ito. Naisama na ang mga binago nila sa ibang linya; ang mga linyang ito ay binago ninyong dalawa. Pumili para sa bawat isa, saka i-Merge.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} was changed on disk (by another program or person) after you opened it. Choose which version to keep; nothing is overwritten until you choose.</source>
        <translation>Nabago sa disk ang {0} (ng ibang program o tao) matapos mo itong buksan. Piliin kung aling bersyon ang itatago; walang mapapatungan hangga&apos;t hindi ka pumipili.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>Your version</source>
        <translation>Bersyon mo</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Deleted on disk</source>
        <translation>Binura sa disk</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Version on disk now</source>
        <translation>Bersyong nasa disk ngayon</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Keep mine</source>
        <translation>Itago ang akin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take theirs</source>
        <translation>Kunin ang nasa disk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge</source>
        <translation>&amp;Pagsamahin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conflicting lines</source>
        <translation>Mga linyang nagbabanggaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Whole files</source>
        <translation>Buong file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line</source>
        <translation>Linya</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line {0}</source>
        <translation>Linya {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use mine</source>
        <translation>Gamitin ang akin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use theirs</source>
        <translation>Gamitin ang sa kanila</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both</source>
        <translation>Panatilihin pareho</translation>
    </message>
</context>
<context>
    <name>ContextBar</name>
    <message>
        <location filename="../desktop/ui/context_bar.py" line="+545"/>
        <location line="+5"/>
        <source>Call stage</source>
        <translation>Yugto ng tawag</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Calm it down</source>
        <translation>Pakalmahin</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Situation</source>
        <translation>Sitwasyon</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Channel:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards in:</source>
        <translation>Card sa:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De-escalation steps</source>
        <translation>Mga hakbang sa pagpapakalma</translation>
    </message>
    <message>
        <location line="-148"/>
        <location line="+157"/>
        <source>Situation: %1</source>
        <translation>Sitwasyon: %1</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>Cards in: %1</source>
        <translation>Card sa: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any stage</source>
        <translation>Kahit anong yugto</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Stage: %1</source>
        <translation>Yugto: %1</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>Clear</source>
        <translation>I-clear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the call stage and situation (Esc twice)</source>
        <translation>I-clear ang yugto ng tawag at sitwasyon (Esc nang dalawang beses)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the context</source>
        <translation>I-clear ang konteksto</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Call stage: %1</source>
        <translation>Yugto ng tawag: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the cards for this stage; click again to show all</source>
        <translation>Ipakita ang mga card para sa yugtong ito; i-click ulit para ipakita lahat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step %1 of %2: %3</source>
        <translation>Hakbang %1 sa %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alt+Right: next step · Alt+Left: previous step</source>
        <translation>Alt+Kanan: susunod na hakbang · Alt+Kaliwa: naunang hakbang</translation>
    </message>
    <message>
        <location line="-188"/>
        <location line="+5"/>
        <location line="+186"/>
        <source>Any</source>
        <translation>Kahit ano</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Telepono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="-213"/>
        <location line="+225"/>
        <source>Channel: %1</source>
        <translation>Channel: %1</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>EN + FIL</source>
        <translation>EN + FIL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>English and Filipino</source>
        <translation>English at Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Search cards in: %1</source>
        <translation>Maghanap ng card sa: %1</translation>
    </message>
</context>
<context>
    <name>CustomerSaidPanel</name>
    <message>
        <location filename="../desktop/ui/customer_said.py" line="+140"/>
        <source>Customer said (paste with Ctrl+Shift+V):</source>
        <translation>Sabi ng customer (i-paste gamit ang Ctrl+Shift+V):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste or type the customer&apos;s message; the situations it is about appear below.</source>
        <translation>I-paste o i-type ang message ng customer; lalabas sa ibaba ang mga sitwasyong tinutukoy nito.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the customer said</source>
        <translation>Ang sinabi ng customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Isara</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the customer message</source>
        <translation>Isara ang message ng customer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show the cards for “%1” (found: %2)</source>
        <translation>Ipakita ang mga card para sa “%1” (nakita: %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No situation recognised; search with your own words.</source>
        <translation>Walang nakilalang sitwasyon; maghanap gamit ang sarili mong salita.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Situations:</source>
        <translation>Mga sitwasyon:</translation>
    </message>
</context>
<context>
    <name>ErrorNotice</name>
    <message>
        <location filename="../desktop/ui/errors.py" line="+50"/>
        <source>Something went wrong in Kalma. Your call notes are kept and the window keeps working; the details are in the log file.</source>
        <translation>May nangyaring mali sa Kalma. Nakatabi pa rin ang call notes mo at gumagana pa rin ang window; nasa log file ang detalye.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unexpected error</source>
        <translation>Hindi inaasahang error</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <location filename="../desktop/ui/trainer/find_replace.py" line="+70"/>
        <source>Find and replace in all cards</source>
        <translation>Hanapin at palitan sa lahat ng card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find:</source>
        <translation>Hanapin:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace with:</source>
        <translation>Palitan ng:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match case</source>
        <translation>Eksaktong laki ng titik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find</source>
        <translation>&amp;Hanapin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace &amp;all (EN and FIL)</source>
        <translation>Palitan &amp;lahat (EN at FIL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>Linya</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n line(s) found</source>
        <translation>
            <numerusform>%n linya ang nahanap</numerusform>
            <numerusform>%n linya ang nahanap</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Replaced %n time(s)</source>
        <translation>
            <numerusform>Napalitan nang %n beses</numerusform>
            <numerusform>Napalitan nang %n beses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>in %n file(s); open cards show the change unsaved.</source>
        <translation>
            <numerusform>sa %n file; hindi pa naka-save ang pagbabago sa mga bukas na card.</numerusform>
            <numerusform>sa %n file; hindi pa naka-save ang pagbabago sa mga bukas na card.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GapsPanel</name>
    <message>
        <location filename="../desktop/ui/trainer/panels.py" line="+161"/>
        <source>Search</source>
        <translation>Hinanap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Times</source>
        <translation>Ilang beses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copied</source>
        <translation>Na-copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create card from this gap</source>
        <translation>Gumawa ng card mula sa gap na ito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear log</source>
        <translation>Burahin ang log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>I-refresh</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Search-gap logging is on for this computer.</source>
        <translation>Naka-on ang pag-log ng search gap sa computer na ito.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search-gap logging is off; turn it on in Trainer settings (File menu) or ask IT.</source>
        <translation>Naka-off ang search-gap log; i-on ito sa Settings ng trainer (File menu) o magtanong sa IT.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>From %n computer(s) in the shared folder.</source>
        <translation>
            <numerusform>Mula sa %n computer sa shared folder.</numerusform>
            <numerusform>Mula sa %n computer sa shared folder.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From this computer.</source>
        <translation>Mula sa computer na ito.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Searches that found nothing, or where no phrase was copied. Words that neither the KB nor a common-word list knows, numbers and e-mail addresses are masked before anything is written.</source>
        <translation>Mga search na walang nahanap, o walang na-copy na phrase. Tinatakpan bago isulat ang mga salitang hindi kilala ng KB o ng listahan ng karaniwang salita, pati numero at e-mail address.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>never</source>
        <translation>hindi kailanman</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../desktop/ui/trainer/history_panel.py" line="+70"/>
        <source>When</source>
        <translation>Kailan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Sino</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>Wika</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What changed</source>
        <translation>Ano ang binago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore this version</source>
        <translation>Ibalik ang bersyong ito</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(before history)</source>
        <translation>(bago ang history)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>History is not recorded: {0}</source>
        <translation>Hindi nare-record ang history: {0}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n saved version(s) of this card. Pick one to see what changed; Restore puts it back in the editor (save to keep it).</source>
        <translation>
            <numerusform>%n na-save na bersyon ng card na ito. Pumili ng isa para makita ang binago; ibinabalik ito ng Restore sa editor (i-save para manatili).</numerusform>
            <numerusform>%n na-save na bersyon ng card na ito. Pumili ng isa para makita ang binago; ibinabalik ito ng Restore sa editor (i-save para manatili).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(no change to the text)</source>
        <translation>(walang binago sa text)</translation>
    </message>
</context>
<context>
    <name>HotkeyDialog</name>
    <message>
        <location filename="../desktop/ui/hotkey_dialog.py" line="+24"/>
        <location line="+6"/>
        <source>Global hotkey</source>
        <translation>Global hotkey</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The full window</source>
        <translation>Ang buong window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mini mode</source>
        <translation>Mini mode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The hotkey brings up</source>
        <translation>Ang ilalabas ng hotkey</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key (empty: off):</source>
        <translation>Key (blangko: naka-off):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brings up:</source>
        <translation>Ilalabas:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Active: press %1 in any program to bring Kalma forward with the search box ready.</source>
        <translation>Naka-on: pindutin ang %1 sa kahit anong program para ilabas ang Kalma na handa na ang search box.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This desktop (Wayland) does not let programs use global keys. Add a keyboard shortcut in your desktop settings that starts Kalma: starting it again brings this window forward.</source>
        <translation>Hindi pinapayagan ng desktop na ito (Wayland) ang global keys sa mga program. Magdagdag ng keyboard shortcut sa desktop settings na nagbubukas ng Kalma: kapag binuksan ulit, ilalabas nito ang window na ito.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Global keys are not available on this system.</source>
        <translation>Walang global keys sa system na ito.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The key could not be used (another program may have it): %1</source>
        <translation>Hindi magamit ang key (baka gamit ng ibang program): %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off.</source>
        <translation>Naka-off.</translation>
    </message>
</context>
<context>
    <name>LintPanel</name>
    <message>
        <location filename="../desktop/ui/trainer/panels.py" line="-150"/>
        <source>Severity</source>
        <translation>Bigat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>Linya</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>babala</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Lint: %n error(s)</source>
        <translation>
            <numerusform>Lint: %n error</numerusform>
            <numerusform>Lint: %n error</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n babala</numerusform>
            <numerusform>%n babala</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../desktop/ui/main_window.py" line="+355"/>
        <location filename="../desktop/ui/window_kb.py" line="+48"/>
        <source>Loading the knowledge base…</source>
        <translation>Nilo-load ang knowledge base…</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_messages.py" line="+41"/>
        <source>Checking the knowledge base…</source>
        <translation>Sinusuri ang knowledge base…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Updating the search index: %1 of %2 files</source>
        <translation>Ina-update ang search index: %1 sa %2 na file</translation>
    </message>
    <message numerus="yes">
        <location filename="../desktop/ui/main_window.py" line="-31"/>
        <source>Knowledge base ready: %n card(s)</source>
        <translation>
            <numerusform>Handa na ang knowledge base: %n card</numerusform>
            <numerusform>Handa na ang knowledge base: %n card</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_messages.py" line="+5"/>
        <source>Knowledge base updated</source>
        <translation>Na-update ang knowledge base</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not load the knowledge base: %1</source>
        <translation>Hindi ma-load ang knowledge base: %1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>The knowledge base changed; updating…</source>
        <translation>May binago sa knowledge base; ina-update…</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_kb.py" line="+182"/>
        <source>KB folder not reachable — showing the last loaded cards</source>
        <translation>Hindi maabot ang KB folder — ipinapakita ang huling na-load na mga card</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_messages.py" line="+5"/>
        <source>The knowledge base folder cannot be reached:
%1

Check the network drive or ask IT. Cards appear as soon as the folder is back.</source>
        <translation>Hindi maabot ang folder ng knowledge base:
%1

Tingnan ang network drive o magtanong sa IT. Lalabas ulit ang mga card kapag bumalik na ang folder.</translation>
    </message>
    <message numerus="yes">
        <location filename="../desktop/ui/main_window.py" line="+2"/>
        <source>⚠ %n KB file(s) need fixing</source>
        <translation>
            <numerusform>⚠ %n KB file ang kailangang ayusin</numerusform>
            <numerusform>⚠ %n KB file ang kailangang ayusin</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_kb.py" line="+24"/>
        <source>Shared KB not available — showing the KB shipped with Kalma</source>
        <translation>Hindi ma-access ang shared KB — ang KB na kasama ng Kalma ang ipinapakita</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>These files were skipped; the other cards work. Click for details.</source>
        <translation>Nilaktawan ang mga file na ito; gumagana pa rin ang ibang card. I-click para sa detalye.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Knowledge base problems</source>
        <translation>Mga problema sa knowledge base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some KB files could not be read. The other cards still work; tell your trainer or run `kalma lint`.</source>
        <translation>May mga KB file na hindi mabasa. Gumagana pa rin ang ibang card; sabihan ang trainer mo o patakbuhin ang `kalma lint`.</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_messages.py" line="+9"/>
        <source>Search failed: %1</source>
        <translation>Pumalya ang paghahanap: %1</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_search.py" line="+123"/>
        <source>Closest cards (filters relaxed)</source>
        <translation>Pinakamalapit na card (niluwagan ang filter)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pinned, recent and all cards</source>
        <translation>Naka-pin, kamakailan, at lahat ng card</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>Tawag sa phone</translation>
    </message>
    <message numerus="yes">
        <location filename="../desktop/ui/main_window.py" line="-4"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n resulta</numerusform>
            <numerusform>%n resulta</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_messages.py" line="+11"/>
        <source>No cards match. Try other words, in English or Filipino.</source>
        <translation>Walang tugmang card. Subukan ang ibang salita, sa English o Filipino.</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Copied: %1</source>
        <translation>Nakopya: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pinned</source>
        <translation>Naka-pin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpinned</source>
        <translation>Inalis sa pin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No cards match “%1” in this call stage. Try fewer words, or clear the stage (Esc twice).</source>
        <translation>Walang card na tugma sa “%1” sa yugtong ito ng tawag. Bawasan ang salita, o i-clear ang yugto (Esc nang dalawang beses).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No cards for this call stage in the chosen language. Pick another stage, or set Cards in: EN + FIL.</source>
        <translation>Walang card para sa yugtong ito sa napiling wika. Pumili ng ibang yugto, o gawing EN + FIL ang Cards in.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing for %1 here: showing the closest cards without that filter.</source>
        <translation>Walang para sa %1 dito: ipinapakita ang pinakamalapit na card nang wala ang filter na iyon.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold started (Ctrl+H ends it)</source>
        <translation>Naka-hold na (Ctrl+H para tapusin)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold ended</source>
        <translation>Tapos na ang hold</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All warnings given: you may end the call (Ctrl+Shift+E).</source>
        <translation>Naibigay na lahat ng warning: puwede mo nang tapusin ang tawag (Ctrl+Shift+E).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to undo: no call was ended in the last minute.</source>
        <translation>Walang ia-undo: walang tawag na tinapos sa nakaraang minuto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call restored: details and notes are back.</source>
        <translation>Naibalik ang tawag: nandiyan na ulit ang detalye at notes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to copy: choose a card first.</source>
        <translation>Walang makokopya: pumili muna ng card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not copied: this card has no %1 version.</source>
        <translation>Hindi nakopya: walang %1 na bersyon ang card na ito.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing copied: %1 was left blank.</source>
        <translation>Walang nakopya: blangko pa ang %1.</translation>
    </message>
    <message>
        <location filename="../desktop/ui/shortcut_sheet.py" line="+53"/>
        <location line="+15"/>
        <location line="+8"/>
        <location filename="../desktop/ui/window_actions.py" line="+276"/>
        <source>Keyboard shortcuts</source>
        <translation>Mga keyboard shortcut</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_kb.py" line="-31"/>
        <source>Offline copy from %1</source>
        <translation>Offline na kopya, kuha noong %1</translation>
    </message>
    <message>
        <location filename="../desktop/ui/shortcut_sheet.py" line="-50"/>
        <source>Go to the search box</source>
        <translation>Pumunta sa search box</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring Kalma to the front from any program</source>
        <translation>Ilabas ang Kalma mula sa kahit anong program</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search; again to clear stage and situation</source>
        <translation>Burahin ang hinahanap; isa pa para i-clear ang yugto at sitwasyon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up, Down</source>
        <translation>Pataas, Pababa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a result</source>
        <translation>Pumili ng resulta</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../desktop/ui/window_actions.py" line="-16"/>
        <source>Paste what the customer wrote</source>
        <translation>I-paste ang isinulat ng customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>Kopyahin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Next or previous de-escalation step</source>
        <translation>Susunod o naunang hakbang sa pagpapakalma</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy the first phrase of the left column</source>
        <translation>Kopyahin ang unang phrase sa kaliwang column</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy English phrase 1 to 9</source>
        <translation>Kopyahin ang English na phrase 1 hanggang 9</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Filipino phrase 1 to 9</source>
        <translation>Kopyahin ang Filipino na phrase 1 hanggang 9</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to the phrases and their Copy buttons</source>
        <translation>Lumipat sa mga phrase at sa mga Copy button nila</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pin or unpin the card</source>
        <translation>I-pin o i-unpin ang card</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../desktop/ui/window_actions.py" line="-9"/>
        <source>Customer name</source>
        <translation>Pangalan ng customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../desktop/ui/window_actions.py" line="+1"/>
        <source>Issue</source>
        <translation>Concern</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../desktop/ui/window_actions.py" line="+1"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../desktop/ui/window_actions.py" line="+1"/>
        <source>Start or end the hold</source>
        <translation>Simulan o tapusin ang hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../desktop/ui/window_actions.py" line="+1"/>
        <source>Warning given (abusive caller)</source>
        <translation>Nabigyan na ng warning (abusive na caller)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../desktop/ui/window_actions.py" line="+1"/>
        <source>End call</source>
        <translation>Tapusin ang tawag</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../desktop/ui/window_actions.py" line="+1"/>
        <source>Undo End call</source>
        <translation>I-undo ang pagtapos ng tawag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../desktop/ui/window_actions.py" line="+9"/>
        <source>Mini mode</source>
        <translation>Mini mode</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Show or hide the call tools</source>
        <translation>Ipakita o itago ang call tools</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bigger, smaller, normal text</source>
        <translation>Palakihin, paliitin, normal na laki ng text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainer mode</source>
        <translation>Trainer mode</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_actions.py" line="-36"/>
        <location line="+47"/>
        <source>About Kalma</source>
        <translation>Tungkol sa Kalma</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Kalma %1 — phrase cards for calm calls.
Knowledge base: %2</source>
        <translation>Kalma %1 — mga phrase card para sa mahinahong tawag.
Knowledge base: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../desktop/ui/main_window.py" line="+6"/>
        <source>Not copied: the %1 card has no phrase %2 (it has %n).</source>
        <translation>
            <numerusform>Hindi nakopya: walang phrase %2 ang %1 na card (%n lang ang mayroon).</numerusform>
            <numerusform>Hindi nakopya: walang phrase %2 ang %1 na card (%n lang ang mayroon).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../desktop/ui/window_actions.py" line="+62"/>
        <source>Kalma</source>
        <translation>Kalma</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search phrases… what is the customer saying? (Ctrl+K)</source>
        <translation>Maghanap ng phrase… ano ang sinasabi ng customer? (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search phrases</source>
        <translation>Maghanap ng phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type words in English or Filipino. Enter copies the first phrase; Esc clears.</source>
        <translation>Mag-type sa English o Filipino. Kinokopya ng Enter ang unang phrase; binubura ng Esc.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results</source>
        <translation>Mga resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of results</source>
        <translation>Bilang ng resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results, card and call tools</source>
        <translation>Mga resulta, card at call tools</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../desktop/ui/shortcut_sheet.py" line="-12"/>
        <location filename="../desktop/ui/window_actions.py" line="-18"/>
        <source>Call tools</source>
        <translation>Mga gamit sa tawag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexing progress</source>
        <translation>Progreso ng pag-index</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge base status</source>
        <translation>Status ng knowledge base</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_actions.py" line="-38"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;I-edit</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_call.py" line="+137"/>
        <source>Copy phrase</source>
        <translation>Kopyahin ang phrase</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Call ended: details and notes cleared.</source>
        <translation>Tapos na ang tawag: na-clear ang detalye at notes.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo (Ctrl+Shift+Z)</source>
        <translation>I-undo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Kalma is still running</source>
        <translation>Tumatakbo pa rin ang Kalma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A call is in progress; your notes are kept. Click the tray icon to come back.</source>
        <translation>May tawag pang nagaganap; nakatabi ang notes mo. I-click ang icon sa tray para bumalik.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A call is in progress
End the call first (Ctrl+Shift+E), or close the window again to quit and lose the notes.</source>
        <translation>May tawag pang nagaganap
Tapusin muna ang tawag (Ctrl+Shift+E), o isara ulit ang window para lumabas (mawawala ang notes).</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_actions.py" line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Tingnan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Wika</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Mga card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Tulong</translation>
    </message>
    <message>
        <location filename="../desktop/ui/shortcut_sheet.py" line="-15"/>
        <location filename="../desktop/ui/window_actions.py" line="+4"/>
        <source>Search</source>
        <translation>Maghanap</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_actions.py" line="-11"/>
        <source>Copy English phrase</source>
        <translation>Kopyahin ang English na phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Filipino phrase</source>
        <translation>Kopyahin ang Filipino na phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;ll</source>
        <translation>&amp;Tawag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sound with alerts</source>
        <translation>May tunog ang mga alerto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Global hotkey…</source>
        <translation>Global hotkey (kahit saang app)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As the computer</source>
        <translation>Gaya ng computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Maliwanag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Madilim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High contrast</source>
        <translation>Mataas na contrast</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainer mode…</source>
        <translation>Trainer mode…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Lumabas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pin or unpin card</source>
        <translation>I-pin o i-unpin ang card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy first phrase	Enter</source>
        <translation>Kopyahin ang unang phrase	Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>Susunod na hakbang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous step</source>
        <translation>Naunang hakbang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bigger text</source>
        <translation>Palakihin ang text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smaller text</source>
        <translation>Paliitin ang text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal text size</source>
        <translation>Normal na laki ng text</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Knowledge base problems…</source>
        <translation>Mga problema sa knowledge base…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>English and Filipino</source>
        <translation>English at Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English only</source>
        <translation>English lang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filipino only</source>
        <translation>Filipino lang</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Phrase %1</source>
        <translation>Phrase %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show or hide Kalma</source>
        <translation>Ipakita o itago ang Kalma</translation>
    </message>
    <message>
        <location filename="../desktop/ui/app.py" line="+58"/>
        <source>IT settings could not be read; some features are locked. Tell IT (kalma doctor shows why).</source>
        <translation>Hindi mabasa ang IT settings; naka-lock muna ang ilang features. Sabihan ang IT (makikita sa kalma doctor kung bakit).</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_copy.py" line="+56"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../desktop/ui/window_layout.py" line="+92"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call tools (Ctrl+T)</source>
        <translation>Mga gamit sa tawag (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card or call tools</source>
        <translation>Card o mga gamit sa tawag</translation>
    </message>
</context>
<context>
    <name>MetaForm</name>
    <message>
        <location filename="../desktop/ui/trainer/form.py" line="+88"/>
        <source>Title</source>
        <translation>Pamagat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>Yugto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation>Mga tag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review by</source>
        <translation>I-review bago ang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>May-ari</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone</source>
        <translation>Telepono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any channel</source>
        <translation>Kahit anong channel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>set</source>
        <translation>itakda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft (not reviewed yet; lint warns until unticked)</source>
        <translation>Draft (hindi pa nare-review; magbababala ang lint hangga&apos;t naka-check)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short title shown in results</source>
        <translation>Maikling pamagat na makikita sa resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who maintains this card</source>
        <translation>Sino ang nag-aasikaso sa card na ito</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+29"/>
        <source>{0} (unknown)</source>
        <translation>{0} (hindi kilala)</translation>
    </message>
</context>
<context>
    <name>MiniWindow</name>
    <message>
        <location filename="../desktop/ui/mini_window.py" line="+113"/>
        <source>Copied: %1</source>
        <translation>Nakopya: %1</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Kalma mini</source>
        <translation>Kalma mini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search… Enter copies</source>
        <translation>Maghanap… Enter para kopyahin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search phrases</source>
        <translation>Maghanap ng phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top results</source>
        <translation>Nangungunang resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full window</source>
        <translation>Buong window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the full window (Ctrl+M)</source>
        <translation>Bumalik sa buong window (Ctrl+M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the full window</source>
        <translation>Bumalik sa buong window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy confirmation</source>
        <translation>Kumpirmasyon ng pagkopya</translation>
    </message>
</context>
<context>
    <name>NewCardDialog</name>
    <message>
        <location filename="../desktop/ui/trainer/dialogs.py" line="+91"/>
        <source>New card</source>
        <translation>Bagong card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Pamagat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>Wika</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>Yugto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation>Mga tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review by</source>
        <translation>I-review bago ang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>May-ari</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone</source>
        <translation>Telepono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any channel</source>
        <translation>Kahit anong channel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file name and id come from the title. The card starts as a draft with TODO lines to replace; untick Draft when it is ready.</source>
        <translation>Galing sa pamagat ang pangalan ng file at id. Magsisimula ang card bilang draft na may mga TODO na papalitan; alisin ang check sa Draft kapag handa na.</translation>
    </message>
</context>
<context>
    <name>PhraseRows</name>
    <message>
        <location filename="../desktop/ui/trainer/form.py" line="+82"/>
        <source>Phrases to say (one row each; double-click to edit)</source>
        <translation>Mga phrase na sasabihin (isa bawat row; i-double-click para i-edit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add phrase</source>
        <translation>Magdagdag ng phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>Itaas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>Ibaba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Tanggalin</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>New phrase</source>
        <translation>Bagong phrase</translation>
    </message>
</context>
<context>
    <name>PhraseView</name>
    <message>
        <location filename="../desktop/ui/call_tools.py" line="-728"/>
        <source>Copy</source>
        <translation>Kopyahin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>EN</source>
        <translation>EN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FIL</source>
        <translation>FIL</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy phrase (English)</source>
        <translation>Kopyahin ang phrase (English)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy phrase (Filipino)</source>
        <translation>Kopyahin ang phrase (Filipino)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy phrase</source>
        <translation>Kopyahin ang phrase</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <location filename="../desktop/ui/trainer/policy_form.py" line="+148"/>
        <source>Account policy</source>
        <translation>Account policy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save policy</source>
        <translation>I-&amp;save ang policy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warnings before ending an abusive call</source>
        <translation>Ilang warning bago ibaba ang abusive na tawag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agents may promise a callback</source>
        <translation>Puwedeng mangako ang agent ng callback</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agents may waive a fee</source>
        <translation>Puwedeng i-waive ng agent ang fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor transfer</source>
        <translation>Pag-transfer sa supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retention team</source>
        <translation>Retention team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colleague for regional languages</source>
        <translation>Kasamahang marunong ng regional language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crisis line (number)</source>
        <translation>Crisis line (numero)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crisis line (name)</source>
        <translation>Crisis line (pangalan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the crisis line by</source>
        <translation>I-check ang crisis line bago ang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording disclosure (English)</source>
        <translation>Paalala na naka-record (English)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording disclosure (Filipino)</source>
        <translation>Paalala na naka-record (Filipino)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent&apos;s name a caller may get</source>
        <translation>Pangalan ng agent na puwedeng ibigay sa caller</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>0 (end the call at once)</source>
        <translation>0 (ibaba agad ang tawag)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yes</source>
        <translation>Oo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none: agents cannot start a refund</source>
        <translation>none: hindi puwedeng mag-umpisa ng refund ang agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>request: agents file a request another team decides</source>
        <translation>request: nagfa-file ang agent ng request, ibang team ang magdedesisyon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve: agents may approve refunds</source>
        <translation>approve: puwedeng mag-approve ng refund ang agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on request: transfer when the customer asks</source>
        <translation>on request: i-transfer kapag hiningi ng customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after an attempt: offer to help once, then transfer</source>
        <translation>after an attempt: mag-alok munang tumulong, saka i-transfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>callback: a supervisor calls the customer back</source>
        <translation>callback: tatawagan ng supervisor ang customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first name only</source>
        <translation>first name lang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first name and agent ID</source>
        <translation>first name at agent ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full name</source>
        <translation>buong pangalan</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>policy.md cannot be read ({0}); fix it in a text editor.</source>
        <translation>Hindi mabasa ang policy.md ({0}); ayusin ito sa text editor.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The knowledge-base folder was not found.</source>
        <translation>Hindi makita ang knowledge-base folder.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The knowledge-base folder is read-only for you, so the policy can be read here but not changed.</source>
        <translation>Read-only sa iyo ang knowledge-base folder, kaya nababasa mo ang policy dito pero hindi mo ito mababago.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>policy.md line {0}: {1}</source>
        <translation>policy.md linya {0}: {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} — saving writes the value shown here.</source>
        <translation>{0} — pag-save, ang value na nakikita rito ang isusulat.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>There is no policy.md yet: these are the defaults. Saving creates the file.</source>
        <translation>Wala pang policy.md: ito ang mga default. Pag-save, gagawin na ang file.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What differs on this account. Agents&apos; cards and the warning counter follow these values; saving changes only the values you edit in {0}.</source>
        <translation>Ang mga naiiba sa account na ito. Sinusunod ng cards ng agents at ng warning counter ang mga value na ito; pag-save, ang mga value lang na binago mo ang nagbabago sa {0}.</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../desktop/ui/results.py" line="+221"/>
        <source>Guide</source>
        <translation>Gabay</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>pinned</source>
        <translation>naka-pin</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../desktop/ui/trainer/panels.py" line="+20"/>
        <source>Review by</source>
        <translation>I-review bago ang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>Wika</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>May-ari</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>Takdang araw</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>lampas na nang %n araw</numerusform>
            <numerusform>lampas na nang %n araw</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>today</source>
        <translation>ngayon</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>in %n day(s)</source>
        <translation>
            <numerusform>sa loob ng %n araw</numerusform>
            <numerusform>sa loob ng %n araw</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n card(s) past their review date</source>
        <translation>
            <numerusform>%n card ang lampas na sa petsa ng review</numerusform>
            <numerusform>%n card ang lampas na sa petsa ng review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n due in the next 30 days</source>
        <translation>
            <numerusform>%n due sa susunod na 30 araw</numerusform>
            <numerusform>%n due sa susunod na 30 araw</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainerAccess</name>
    <message>
        <location filename="../desktop/ui/trainer/__init__.py" line="+25"/>
        <source>Trainer mode is turned off on this computer (in the settings or by IT).</source>
        <translation>Naka-off ang trainer mode sa computer na ito (sa settings o ng IT).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The knowledge-base folder was not found: {0}</source>
        <translation>Hindi nakita ang folder ng knowledge base: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The knowledge-base folder is read-only for you, so it cannot be edited here: {0}. Ask IT for write access, or edit a copy of the folder.</source>
        <translation>Read-only para sa iyo ang folder ng knowledge base, kaya hindi ito mae-edit dito: {0}. Humingi ng write access sa IT, o mag-edit ng kopya ng folder.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Trainer mode</source>
        <translation>Trainer mode</translation>
    </message>
</context>
<context>
    <name>TrainerSettingsDialog</name>
    <message>
        <location filename="../desktop/ui/trainer/settings_dialog.py" line="+90"/>
        <source>Trainer settings</source>
        <translation>Settings ng trainer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log agents&apos; search gaps on this computer</source>
        <translation>I-log ang search gaps ng mga agent sa computer na ito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shared folder for the floor (optional)</source>
        <translation>Shared folder para sa buong floor (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. a folder on the team share</source>
        <translation>hal. isang folder sa team share</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainers who must approve a draft</source>
        <translation>Ilang trainer ang kailangang mag-approve ng draft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only words the KB or a common-word list knows are kept; every other word, number and e-mail address is masked before anything is written, so customer names never reach the log. With a shared folder, each computer appends its masked searches and copy counts to its own file there.</source>
        <translation>Ang mga salitang kilala lang ng KB o ng listahan ng karaniwang salita ang itinatago; tinatakpan ang iba pang salita, numero at e-mail bago may maisulat, kaya hindi kailanman napupunta sa log ang pangalan ng customer. Kapag may shared folder, bawat computer ay nagdadagdag ng natakpang searches at bilang ng copy sa sarili nitong file doon.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Shared folder</source>
        <translation>Shared folder</translation>
    </message>
</context>
<context>
    <name>TrainerWindow</name>
    <message>
        <location filename="../desktop/ui/trainer/window.py" line="+255"/>
        <source>Kalma trainer — {0}[*]</source>
        <translation>Kalma trainer — {0}[*]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;I-edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Card</source>
        <translation>&amp;Card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Tingnan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New card…</source>
        <translation>&amp;Bagong card…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>I-&amp;save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import documents…</source>
        <translation>&amp;Mag-import ng dokumento…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export handbook…</source>
        <translation>Mag-&amp;export ng handbook…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close trainer</source>
        <translation>&amp;Isara ang trainer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainer &amp;settings…</source>
        <translation>&amp;Settings ng trainer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account &amp;policy…</source>
        <translation>Account &amp;policy…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>I-&amp;undo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>I-&amp;redo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find and replace in all cards…</source>
        <translation>&amp;Hanapin at palitan sa lahat ng card…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create &amp;translation</source>
        <translation>Gumawa ng &amp;salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark translation up to date</source>
        <translation>&amp;Markahang updated ang salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;pprove card</source>
        <translation>A&amp;prubahan ang card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;name card (both languages)…</source>
        <translation>Palitan ang &amp;pangalan ng card (dalawang wika)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate card (both languages)</source>
        <translation>&amp;Kopyahin ang card (dalawang wika)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete card (both languages)…</source>
        <translation>&amp;Burahin ang card (dalawang wika)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;load from disk</source>
        <translation>I-re&amp;load mula sa disk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lint</source>
        <translation>Lint</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review dates</source>
        <translation>Mga petsa ng review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search gaps</source>
        <translation>Mga search gap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unsaved changes</source>
        <translation>Mga pagbabagong hindi pa naka-save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This card has changes that are not saved.</source>
        <translation>May mga pagbabago sa card na ito na hindi pa naka-save.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Import documents as draft cards</source>
        <translation>I-import ang mga dokumento bilang draft na card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents ({0})</source>
        <translation>Mga dokumento ({0})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export handbook</source>
        <translation>I-export ang handbook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF for printing (*.pdf);;Web page (*.html)</source>
        <translation>PDF para i-print (*.pdf);;Web page (*.html)</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Could not read the KB: {0}</source>
        <translation>Hindi mabasa ang KB: {0}</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>This file cannot be edited here: {0}</source>
        <translation>Hindi mae-edit dito ang file na ito: {0}</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+469"/>
        <location line="+4"/>
        <location line="+49"/>
        <source>Not saved</source>
        <translation>Hindi na-save</translation>
    </message>
    <message>
        <location line="-522"/>
        <location line="+473"/>
        <location line="+49"/>
        <source>Could not save {0}: {1}</source>
        <translation>Hindi ma-save ang {0}: {1}</translation>
    </message>
    <message>
        <location line="-519"/>
        <location line="+480"/>
        <source>Saved {0}</source>
        <translation>Na-save ang {0}</translation>
    </message>
    <message>
        <location line="-461"/>
        <source>Saved, but the history could not be written: {0}</source>
        <translation>Na-save, pero hindi naisulat ang history: {0}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Merged with the changes saved on disk meanwhile</source>
        <translation>Pinagsama sa mga pagbabagong na-save sa disk habang nag-e-edit ka</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not approved</source>
        <translation>Hindi na-approve</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Delete card</source>
        <translation>Burahin ang card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {0} in English and Filipino? Agents stop seeing it at once. (The History panel keeps its saved versions.)</source>
        <translation>Burahin ang {0} sa English at Filipino? Hindi na ito makikita agad ng mga agent. (Nasa History panel pa rin ang mga na-save na bersyon.)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not deleted</source>
        <translation>Hindi nabura</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rename card</source>
        <translation>Palitan ang pangalan ng card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New id and file name for both languages:</source>
        <translation>Bagong id at file name para sa dalawang wika:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not renamed</source>
        <translation>Hindi napalitan ang pangalan</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not duplicated</source>
        <translation>Hindi nakopya</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Old version restored in the editor; save to keep it</source>
        <translation>Naibalik sa editor ang lumang bersyon; i-save para manatili</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{0} is not a card; open it in a text editor (line {1}).</source>
        <translation>Hindi card ang {0}; buksan ito sa text editor (linya {1}).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Translation not created</source>
        <translation>Hindi nagawa ang salin</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Card not created</source>
        <translation>Hindi nagawa ang card</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Import failed</source>
        <translation>Pumalya ang pag-import</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n draft card(s) created.</source>
        <translation>
            <numerusform>Nakagawa ng %n draft na card.</numerusform>
            <numerusform>Nakagawa ng %n draft na card.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n draft(s) updated from the document.</source>
        <translation>
            <numerusform>%n draft ang na-update mula sa dokumento.</numerusform>
            <numerusform>%n draft ang na-update mula sa dokumento.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n approved card(s) left as they are.</source>
        <translation>
            <numerusform>%n approved na card ang hindi ginalaw.</numerusform>
            <numerusform>%n approved na card ang hindi ginalaw.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped {0}: {1}</source>
        <translation>Nilaktawan ang {0}: {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Lint errors</source>
        <translation>May lint errors</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The KB has %n lint error(s); cards with errors will be left out of the handbook.</source>
        <translation>
            <numerusform>May %n lint error ang KB; hindi isasama sa handbook ang mga card na may error.</numerusform>
            <numerusform>May %n lint error ang KB; hindi isasama sa handbook ang mga card na may error.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export anyway?</source>
        <translation>I-export pa rin?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export failed</source>
        <translation>Pumalya ang pag-export</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Handbook written to {0} ({1} cards)</source>
        <translation>Naisulat ang handbook sa {0} ({1} card)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Settings not saved</source>
        <translation>Hindi na-save ang settings</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Clear search gaps</source>
        <translation>Burahin ang mga search gap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the search-gap log on this computer?</source>
        <translation>Burahin ang search-gap log sa computer na ito?</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>policy.md was created by someone else meanwhile; it is shown now.</source>
        <translation>May ibang gumawa ng policy.md habang nag-e-edit ka; iyon na ang ipinapakita ngayon.</translation>
    </message>
</context>
</TS>
